/**
 * The call's text chat: the messages (with who and when), and a field to write. Enter sends, Shift+Enter
 * starts a new line. New messages are announced by the page's live region, not by this list (no double
 * announcements). Test hooks: `chat-panel`, `chat-message` (+ `data-from`), `chat-input`, `chat-send`.
 */
import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ChatMessage } from '@virtuelles-amt/video-service/contract/signalling';
import { CHAT_MAX_LENGTH } from '../../call/chat.ts';
import { formatClock } from '../../i18n/format.ts';
import { useUi } from '../context.ts';

export function ChatPanel({ messages, selfId }: { messages: ChatMessage[]; selfId: string | null }): JSX.Element {
  const { client, t, lang } = useUi();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  // At once when it opens (not after the next frame), so keyboard users type into it straight away.
  useLayoutEffect(() => field.current?.focus(), []);
  useEffect(() => {
    const element = list.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [messages.length]);

  const send = async (): Promise<void> => {
    if (sending || !text.trim()) return;
    setSending(true);
    if (await client.chat.send(text)) setText('');
    setSending(false);
    field.current?.focus();
  };

  return (
    <section class="va-chat" aria-labelledby="va-chat-title" data-testid="chat-panel">
      <div class="va-chat-head">
        <h2 id="va-chat-title" class="va-chat-title">
          {t('chatTitle')}
        </h2>
        <button
          type="button"
          class="va-button va-button--small va-button--quiet"
          onClick={() => client.chat.toggle(false)}
        >
          {t('chatClose')}
        </button>
      </div>
      <ol class="va-chat-list" ref={list} tabIndex={0} aria-label={t('chatHistoryLabel')}>
        {messages.length === 0 ? <li class="va-chat-empty">{t('chatEmpty')}</li> : null}
        {messages.map((message) => {
          const own = message.from.id === selfId;
          return (
            <li
              key={message.id}
              class={`va-chat-message ${own ? 'va-chat-message--own' : ''}`}
              data-testid="chat-message"
              data-from={message.from.id}
            >
              <p class="va-chat-meta">
                <span class="va-chat-from">{own ? t('you') : message.from.name || t(`role_${message.from.role}`)}</span>{' '}
                <time dateTime={message.sentAt}>{formatClock(message.sentAt, lang)}</time>
              </p>
              <p class="va-chat-text">{message.text}</p>
            </li>
          );
        })}
      </ol>
      <form
        class="va-chat-form"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <label for="va-chat-input" class="va-visually-hidden">
          {t('chatInputLabel')}
        </label>
        <textarea
          id="va-chat-input"
          ref={field}
          class="va-textarea"
          rows={2}
          maxLength={CHAT_MAX_LENGTH}
          placeholder={t('chatInputLabel')}
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
              event.preventDefault();
              void send();
            }
          }}
          data-testid="chat-input"
        />
        <button type="submit" class="va-button va-button--primary" disabled={sending} data-testid="chat-send">
          {t('chatSend')}
        </button>
      </form>
    </section>
  );
}
