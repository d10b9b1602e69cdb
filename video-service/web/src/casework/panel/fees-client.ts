/**
 * The fees panel's logic (lazy chunk, issue 12): the case's fees and payment as the service last described
 * them (`fees:get`, then the `payment` notifications), and the verbs of both sides. State always comes from
 * the server, so a reload in the middle of a payment shows it where it stands (pending: the pay page can be
 * opened again). Amounts are never sent: the server computes them from the catalogue.
 */
import type { FeesView, PaymentMethod, PaymentView } from '@virtuelles-amt/video-service/contract/payments';
import { FINAL_PAYMENT_STATES } from '@virtuelles-amt/video-service/contract/payments';
import { RequestError } from '../../signalling/room-socket.ts';
import { createStore, type Store } from '../../store.ts';
import type { CaseworkBridge, CaseworkSignal } from '../bridge.ts';

export interface FeesState {
  status: 'loading' | 'ready' | 'failed';
  fees: FeesView | null;
  /** A refusal to explain (`reason` of the RequestError, else `failed`), with the service's message. */
  refusal: { reason: string; message: string } | null;
  /** A request is under way (buttons wait for it: a second click sends nothing). */
  busy: boolean;
}

/** A window the pay page is loaded into; opened synchronously on the click so no popup blocker stops it. */
export interface PayWindow {
  go(url: string): void;
  close(): void;
}

export class FeesClient {
  readonly store: Store<FeesState> = createStore<FeesState>({
    status: 'loading',
    fees: null,
    refusal: null,
    busy: false,
  });
  private readonly bridge: CaseworkBridge;
  private stopListening: (() => void) | null = null;
  private loads = 0;

  constructor(bridge: CaseworkBridge) {
    this.bridge = bridge;
  }

  start(): void {
    if (this.stopListening) return;
    this.stopListening = this.bridge.listen((signal) => this.onSignal(signal));
    void this.load();
  }

  stop(): void {
    this.stopListening?.();
    this.stopListening = null;
  }

  /** The fees and the payment now (the newest answer wins when loads overlap). */
  async load(): Promise<void> {
    const mine = ++this.loads;
    try {
      const fees = await this.bridge.request('fees:get', {});
      if (mine === this.loads) this.store.setState({ status: 'ready', fees });
    } catch {
      if (mine === this.loads && !this.store.getState().fees) this.store.setState({ status: 'failed' });
    }
  }

  dismiss(): void {
    this.store.setState({ refusal: null });
  }

  // ------------------------------------------------------------------ clerk

  adjust(service: string, kind: 'waive' | 'reduce' | 'reset', reason?: string, amountCents?: number): Promise<void> {
    return this.run(async () => {
      const fees = await this.bridge.request('fees:adjust', {
        service,
        kind,
        ...(reason ? { reason } : {}),
        ...(amountCents !== undefined ? { amountCents } : {}),
      });
      this.store.setState({ fees });
    });
  }

  requestPayment(): Promise<void> {
    return this.run(async () => this.applyPayment(await this.bridge.request('payment:request', {})));
  }

  withdraw(paymentId: string): Promise<void> {
    return this.run(async () => this.applyPayment(await this.bridge.request('payment:cancel', { paymentId })));
  }

  // ------------------------------------------------------------------ citizen

  /**
   * Pays with `method`: the pay page goes into `window` (opened by the click). The invoice needs no window:
   * its fee notice joins the documents. Twice (double click): the second call sends nothing.
   */
  pay(paymentId: string, method: PaymentMethod, window: PayWindow | null): Promise<void> {
    if (this.store.getState().busy) return Promise.resolve();
    return this.run(async () => {
      try {
        const started = await this.bridge.request('payment:start', { paymentId, method });
        this.applyPayment(started.payment);
        if (window && started.payment.state === 'pending') window.go(started.url);
        else window?.close();
      } catch (error) {
        window?.close();
        throw error;
      }
    });
  }

  /** Asks the provider now (the citizen came back from the pay page, or wants to know). */
  refresh(paymentId: string): Promise<void> {
    return this.run(async () => this.applyPayment(await this.bridge.request('payment:refresh', { paymentId })));
  }

  // ------------------------------------------------------------------ internals

  private async run(work: () => Promise<void>): Promise<void> {
    this.store.setState({ busy: true, refusal: null });
    try {
      await work();
    } catch (error) {
      const reason = error instanceof RequestError ? (error.reason ?? error.code) : 'failed';
      this.store.setState({ refusal: { reason, message: error instanceof Error ? error.message : String(error) } });
    } finally {
      this.store.setState({ busy: false });
    }
  }

  private applyPayment(payment: PaymentView): void {
    const { fees } = this.store.getState();
    if (!fees) return void this.load();
    const current = fees.payment;
    // An older copy (a notification overtaken by an answer) never replaces a newer one of the same payment.
    if (current && current.id === payment.id && current.updatedAt > payment.updatedAt) return;
    this.store.setState({ fees: { ...fees, payment } });
    // A final payment changes the fees (paid items leave the list): read them again.
    if (FINAL_PAYMENT_STATES.includes(payment.state)) void this.load();
  }

  private onSignal(signal: CaseworkSignal): void {
    if (signal.kind === 'entered') return void this.load();
    if (signal.event === 'payment') this.applyPayment(signal.payload as PaymentView);
    // The agenda changes with waivers, ticks and settlements: the fees follow it.
    else if (signal.event === 'case:agenda') void this.load();
  }
}

/** Opens an empty window for the pay page now (inside the click), cut off from this page once it navigates. */
export function openPayWindow(): PayWindow | null {
  const opened = window.open('about:blank', '_blank');
  if (!opened) return null;
  // The provider's page must not be able to reach back into the room.
  opened.opener = null;
  return {
    go: (url) => opened.location.replace(url),
    close: () => opened.close(),
  };
}
