/**
 * The fees panel (issue 12): both sides see the fees, the total and how the payment stands. The clerk
 * waives or reduces a fee (reason from the configured list), asks for the payment and may withdraw it
 * before it is started; the citizen chooses a method and pays on the provider's page in a NEW window
 * while the call goes on (pay pages refuse to be framed). The result arrives as the `payment` notification.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { FeeLine, FeesView, PaymentMethod, PaymentView } from '@virtuelles-amt/video-service/contract/payments';
import type { CaseworkBridge } from '../bridge.ts';
import { euro } from './AgendaTab.tsx';
import { useCase } from './case-context.ts';
import { FeesClient, openPayWindow, type FeesState } from './fees-client.ts';
import { localized, type CaseTextKey } from './texts.ts';

const clients = new WeakMap<CaseworkBridge, FeesClient>();

/** One fees client per room connection (kept across tab switches and panel toggles). */
export function feesClientOf(bridge: CaseworkBridge): FeesClient {
  let fees = clients.get(bridge);
  if (!fees) {
    fees = new FeesClient(bridge);
    clients.set(bridge, fees);
  }
  return fees;
}

function useFees(client: FeesClient): FeesState {
  const [state, setState] = useState(client.store.getState());
  useEffect(() => {
    const unsubscribe = client.store.subscribe(setState);
    client.start();
    setState(client.store.getState());
    return unsubscribe;
  }, [client]);
  return state;
}

export function FeesTab(): JSX.Element {
  const { cases, ct, role } = useCase();
  const client = feesClientOf(cases.bridge);
  const state = useFees(client);
  if (!state.fees) {
    return state.status === 'failed' ? (
      <p>
        {ct('feesLoadFailed')}{' '}
        <button type="button" class="va-case-button" onClick={() => void client.load()}>
          {ct('retry')}
        </button>
      </p>
    ) : (
      <p>{ct('loading')}</p>
    );
  }
  const { fees } = state;
  return (
    <section aria-labelledby="va-fees-title" class="va-fees" data-testid="fees">
      <h3 id="va-fees-title" class="va-case-h">
        {ct('feesTitle')}
      </h3>
      <FeeList fees={fees} client={client} busy={state.busy} />
      {state.refusal ? (
        <p class="va-field-issue" role="alert" data-testid="fees-refusal" data-reason={state.refusal.reason}>
          {refusalText(ct, state.refusal.reason)}{' '}
          <button type="button" class="va-case-link" onClick={() => client.dismiss()}>
            OK
          </button>
        </p>
      ) : null}
      {fees.payment ? <PaymentStatus payment={fees.payment} /> : null}
      {role === 'clerk' ? (
        <ClerkActions fees={fees} client={client} busy={state.busy} />
      ) : (
        <CitizenActions fees={fees} client={client} busy={state.busy} />
      )}
    </section>
  );
}

function refusalText(ct: (key: CaseTextKey) => string, reason: string): string {
  const key = `feesRefused_${reason}` as CaseTextKey;
  return REFUSAL_KEYS.has(key) ? ct(key) : ct('feesRefused_failed');
}
const REFUSAL_KEYS = new Set<string>(
  [
    'nothing_to_pay',
    'payment_in_progress',
    'method_not_offered',
    'provider_unavailable',
    'provider_rejected',
    'reason_not_allowed',
    'payment_starting',
    'timeout',
    'failed',
  ].map((r) => `feesRefused_${r}`),
);

/** The items of the open payment (what is being paid), else the case's open fees. */
function shownItems(fees: FeesView): FeeLine[] {
  const p = fees.payment;
  return p &&
    (p.state === 'open' ||
      p.state === 'pending' ||
      ((p.state === 'paid' || p.state === 'invoiced') && fees.items.length === 0))
    ? p.items
    : fees.items;
}

function FeeList({ fees, client, busy }: { fees: FeesView; client: FeesClient; busy: boolean }): JSX.Element {
  const { ct, lang, role, state } = useCase();
  const items = shownItems(fees);
  const paying = fees.payment?.state === 'open' || fees.payment?.state === 'pending';
  const canAdjust = role === 'clerk' && !paying && !state.snapshot?.finishedAt && fees.adjustReasons.length > 0;
  const total = items.reduce((sum, i) => sum + i.amountCents, 0);
  // After paying, the list shows what was paid: its sum is no longer "to pay".
  const settled = items !== fees.items;
  const totalKey =
    settled && (fees.payment?.state === 'paid' || fees.payment?.state === 'invoiced')
      ? 'feesTotalSettled'
      : 'feesTotal';
  if (items.length === 0) return <p data-testid="fees-none">{ct('feesNone')}</p>;
  return (
    <>
      <ul class="va-case-list" data-testid="fee-items">
        {items.map((item) => (
          <li
            key={item.itemId}
            class="va-case-item va-fee-item"
            data-testid="fee-item"
            data-service={item.service}
            data-amount={item.amountCents}
          >
            <span class="va-case-item-name">{localized(item.name, lang)}</span>
            <span class="va-fee-amount">{euro(item.amountCents, lang)}</span>
            {item.adjustment ? (
              <span class="va-field-meta">
                {ct(item.adjustment.kind === 'waived' ? 'feesWaivedNote' : 'feesReducedNote', {
                  reason: item.adjustment.reason,
                  fee: euro(item.catalogueCents, lang),
                })}
              </span>
            ) : null}
            {canAdjust ? <AdjustFee item={item} reasons={fees.adjustReasons} client={client} busy={busy} /> : null}
          </li>
        ))}
      </ul>
      <p class="va-fees-total" data-testid="fees-total">
        {ct(totalKey, { amount: euro(total, lang) })}
      </p>
    </>
  );
}

/** Waive or reduce one fee with a reason from the list (or undo it). */
function AdjustFee({
  item,
  reasons,
  client,
  busy,
}: {
  item: FeeLine;
  reasons: string[];
  client: FeesClient;
  busy: boolean;
}): JSX.Element {
  const { ct } = useCase();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState(reasons[0] ?? '');
  const [euros, setEuros] = useState('');
  const id = `va-fee-${item.service}`;
  if (item.adjustment && !open) {
    return (
      <button
        type="button"
        class="va-case-small"
        disabled={busy}
        onClick={() => void client.adjust(item.service, 'reset')}
        data-testid="fee-reset"
      >
        {ct('feesReset')}
      </button>
    );
  }
  if (!open)
    return (
      <button type="button" class="va-case-small" onClick={() => setOpen(true)} data-testid="fee-adjust">
        {ct('feesAdjust')}
      </button>
    );
  const cents = Math.round(Number(euros.replace(',', '.')) * 100);
  const reduceValid = euros.trim() !== '' && Number.isFinite(cents) && cents >= 0 && cents < item.catalogueCents;
  const done = (work: Promise<void>): void => void work.then(() => setOpen(false));
  return (
    <fieldset class="va-fee-adjust" data-testid="fee-adjust-form">
      <legend class="va-visually-hidden">{ct('feesAdjust')}</legend>
      <label for={`${id}-reason`}>{ct('feesReason')}</label>
      <select
        id={`${id}-reason`}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        data-testid="fee-reason"
      >
        {reasons.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <label for={`${id}-amount`}>{ct('feesReducedTo')}</label>
      <input
        id={`${id}-amount`}
        type="text"
        inputMode="decimal"
        value={euros}
        onInput={(e) => setEuros(e.currentTarget.value)}
        data-testid="fee-amount"
      />
      <span class="va-case-row">
        <button
          type="button"
          class="va-case-small"
          disabled={busy}
          onClick={() => done(client.adjust(item.service, 'waive', reason))}
          data-testid="fee-waive"
        >
          {ct('feesWaive')}
        </button>
        <button
          type="button"
          class="va-case-small"
          disabled={busy || !reduceValid}
          onClick={() => done(client.adjust(item.service, 'reduce', reason, cents))}
          data-testid="fee-reduce"
        >
          {ct('feesReduce')}
        </button>
        <button type="button" class="va-case-small" onClick={() => setOpen(false)}>
          {ct('feesCancel')}
        </button>
      </span>
    </fieldset>
  );
}

function PaymentStatus({ payment }: { payment: PaymentView }): JSX.Element {
  const { ct, lang, role } = useCase();
  const withdrawn = payment.state === 'cancelled' && payment.method === null;
  const key: CaseTextKey = withdrawn
    ? 'feesState_withdrawn'
    : (`feesState_${payment.state}_${role === 'clerk' ? 'clerk' : 'citizen'}` as CaseTextKey);
  return (
    <div
      class={`va-fees-status va-fees-status--${payment.state}`}
      role="status"
      data-testid="payment-status"
      data-state={payment.state}
      data-payment={payment.id}
    >
      <p class="va-fees-state">{ct(key, { amount: euro(payment.amountCents, lang) })}</p>
      {payment.kassenzeichen && (payment.state === 'paid' || payment.state === 'invoiced') ? (
        <p class="va-field-meta">{ct('feesKassenzeichen', { value: payment.kassenzeichen })}</p>
      ) : null}
      {payment.statusDetail && payment.state === 'failed' ? <p class="va-field-meta">{payment.statusDetail}</p> : null}
      {payment.documentUrl ? (
        <a class="va-case-button" href={payment.documentUrl} download data-testid="payment-document">
          {ct(payment.state === 'invoiced' ? 'feesNoticeDownload' : 'feesReceiptDownload')}
        </a>
      ) : null}
    </div>
  );
}

function ClerkActions({
  fees,
  client,
  busy,
}: {
  fees: FeesView;
  client: FeesClient;
  busy: boolean;
}): JSX.Element | null {
  const { ct, state } = useCase();
  if (state.snapshot?.finishedAt) return null;
  const p = fees.payment;
  if (p?.state === 'open') {
    return (
      <button
        type="button"
        class="va-case-button va-case-button--secondary"
        disabled={busy}
        onClick={() => void client.withdraw(p.id)}
        data-testid="payment-withdraw"
      >
        {ct('feesWithdraw')}
      </button>
    );
  }
  if (p?.state === 'pending' || fees.totalCents <= 0) return null;
  return (
    <button
      type="button"
      class="va-case-button"
      disabled={busy}
      onClick={() => void client.requestPayment()}
      data-testid="payment-request"
    >
      {ct('feesRequest')}
    </button>
  );
}

const METHOD_KEYS: Record<PaymentMethod, CaseTextKey> = {
  sandbox: 'feesMethod_sandbox',
  xbezahldienste: 'feesMethod_xbezahldienste',
  paypal: 'feesMethod_paypal',
  invoice: 'feesMethod_invoice',
};

function CitizenActions({
  fees,
  client,
  busy,
}: {
  fees: FeesView;
  client: FeesClient;
  busy: boolean;
}): JSX.Element | null {
  const { ct, lang } = useCase();
  const p = fees.payment;
  const [method, setMethod] = useState<PaymentMethod>(fees.methods[0] ?? 'sandbox');
  const methods = useMemo(() => fees.methods, [fees.methods]);
  if (
    !p ||
    (p.state === 'cancelled' && p.method === null) ||
    ((p.state === 'paid' || p.state === 'invoiced') && fees.totalCents <= 0)
  ) {
    return fees.totalCents > 0 ? <p class="va-case-note">{ct('feesWaitForClerk')}</p> : null;
  }
  if (p.state === 'paid' || p.state === 'invoiced') return null;
  if (p.state === 'pending') {
    return (
      <div class="va-fees-pending">
        <p>{ct('feesPendingHint')}</p>
        <span class="va-case-row">
          {p.payUrl ? (
            <a
              class="va-case-button"
              href={p.payUrl}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="payment-reopen"
            >
              {ct('feesReopen')}
            </a>
          ) : null}
          <button
            type="button"
            class="va-case-button va-case-button--secondary"
            disabled={busy}
            onClick={() => void client.refresh(p.id)}
            data-testid="payment-refresh"
          >
            {ct('feesCheck')}
          </button>
        </span>
      </div>
    );
  }
  const retry = p.state !== 'open';
  const pay = (chosen: PaymentMethod): void => {
    // The store, not the rendered prop: a double click comes before the re-render that disables the button.
    if (client.store.getState().busy) return;
    // The window must open inside the click (popup blockers); the pay page is loaded once the server answers.
    const window = chosen === 'invoice' ? null : openPayWindow();
    void client.pay(p.id, chosen, window);
  };
  return (
    <div class="va-fees-pay">
      <fieldset class="va-fees-methods">
        <legend>{ct('feesChooseMethod', { amount: euro(retry ? fees.totalCents : p.amountCents, lang) })}</legend>
        {methods.map((m) => (
          <label key={m} class="va-fees-method">
            <input
              type="radio"
              name="va-fees-method"
              value={m}
              checked={method === m}
              onChange={() => setMethod(m)}
              data-testid={`payment-method-${m}`}
            />
            {ct(METHOD_KEYS[m])}
          </label>
        ))}
      </fieldset>
      <p class="va-field-help">{ct(method === 'invoice' ? 'feesInvoiceHint' : 'feesNewWindowHint')}</p>
      <span class="va-case-row">
        <button
          type="button"
          class="va-case-button"
          disabled={busy}
          onClick={() => pay(method)}
          data-testid="payment-pay"
        >
          {ct(retry ? 'feesRetry' : 'feesPay')}
        </button>
        {retry && method !== 'invoice' && methods.includes('invoice') ? (
          <button
            type="button"
            class="va-case-button va-case-button--secondary"
            disabled={busy}
            onClick={() => pay('invoice')}
            data-testid="payment-invoice"
          >
            {ct('feesSwitchInvoice')}
          </button>
        ) : null}
      </span>
    </div>
  );
}
