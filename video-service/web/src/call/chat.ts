/**
 * The call's text chat: the history from the admitted snapshot (stored by the service, so it is back
 * after a reload, a rejoin or a restart), messages of the others as they arrive (announced to screen
 * readers, counted as unread while the chat is closed), and the own messages as the service stored them.
 */
import type { ChatMessage } from '@virtuelles-amt/video-service/contract/signalling';
import type { MessageKey, MessageParams } from '../i18n/index.ts';
import type { RoomState } from '../state.ts';
import type { Store } from '../store.ts';

/** Longest message the service accepts (contract: 1..2000 characters). */
export const CHAT_MAX_LENGTH = 2000;

export class Chat {
  private readonly store: Store<RoomState>;
  private readonly announce: (key: MessageKey, params: MessageParams) => void;
  private readonly post: (text: string) => Promise<ChatMessage>;

  /** `post` sends one message (the `chat:send` request) and resolves with it as stored. */
  constructor(
    store: Store<RoomState>,
    announce: (key: MessageKey, params: MessageParams) => void,
    post: (text: string) => Promise<ChatMessage>,
  ) {
    this.store = store;
    this.announce = announce;
    this.post = post;
  }

  /** The history of an admitted snapshot replaces what the page had. */
  reset(history: ChatMessage[]): void {
    this.store.setState({ chat: history });
  }

  /** A message from someone else. */
  received(message: ChatMessage): void {
    if (!this.add(message)) return;
    this.store.setState(({ chatOpen, chatUnread }) => ({ chatUnread: chatOpen ? 0 : chatUnread + 1 }));
    this.announce('announceChatMessage', { name: message.from.name, text: message.text });
  }

  /** Sends a message; resolves false when the text is empty or too long, or sending failed (a notice says so). */
  async send(text: string): Promise<boolean> {
    const trimmed = text.trim();
    if (!trimmed || trimmed.length > CHAT_MAX_LENGTH) return false;
    try {
      this.add(await this.post(trimmed));
      return true;
    } catch {
      this.store.setState({ notice: 'noticeChatFailed' });
      return false;
    }
  }

  /** Opens or closes the chat (default: the other way round); opening marks everything read. */
  toggle(open = !this.store.getState().chatOpen): void {
    this.store.setState(open ? { chatOpen: true, chatUnread: 0 } : { chatOpen: false });
  }

  private add(message: ChatMessage): boolean {
    if (this.store.getState().chat.some((known) => known.id === message.id)) return false;
    this.store.setState(({ chat }) => ({ chat: [...chat, message] }));
    return true;
  }
}
