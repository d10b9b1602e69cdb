/**
 * Documents and files: sealed documents to download (and a link for later), the link to the citizen's
 * documents page (copy, or mailed through the connector), the signing of a frozen document (citizen), and
 * the case's files with an upload (progress, refusals in words) for both sides. A finished case is read-only:
 * no signing, no uploads; downloads and links stay.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { CaseFileInfo, DocumentInfo } from '@virtuelles-amt/video-service/contract/casework';
import { formatDecimal, formatShortMoment } from '../../i18n/format.ts';
import { UploadError } from './case-client.ts';
import { useCase } from './case-context.ts';
import { SigningBox } from './SigningBox.tsx';
import { localized, type CaseTextKey } from './texts.ts';

export function DocumentsTab(): JSX.Element {
  const { state, ct, role } = useCase();
  const { documents, finishedAt } = state.snapshot!;
  const awaiting = finishedAt ? [] : documents.filter((d) => d.status === 'awaiting_signature');
  return (
    <div>
      {role === 'citizen' ? awaiting.map((doc) => <SigningBox key={doc.id} document={doc} />) : null}
      {role === 'clerk' && awaiting.length > 0 ? (
        <p class="va-case-note" role="status" data-testid="clerk-signing-status">
          {awaiting.some((doc) => state.signingOpen.includes(doc.id)) ? ct('signNowClerk') : ct('signWaitingClerk')}
        </p>
      ) : null}
      <section aria-labelledby="va-docs-title">
        <h3 id="va-docs-title" class="va-case-h">
          {ct('docsTitle')}
        </h3>
        {documents.length === 0 ? (
          <p>{ct('docsNone')}</p>
        ) : (
          <ul class="va-case-list" data-testid="documents">
            {documents.map((doc) => (
              <DocumentRow key={doc.id} doc={doc} />
            ))}
          </ul>
        )}
      </section>
      {role !== 'guest' && documents.some((d) => d.status === 'sealed') ? <DocumentsPageLink /> : null}
      {role !== 'guest' ? <Files readOnly={Boolean(finishedAt)} /> : null}
    </div>
  );
}

/** The link to the citizen's page with every document of the case: shown, copied, or mailed to the citizen. */
function DocumentsPageLink(): JSX.Element {
  const { ct, lang, cases, fail } = useCase();
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const copy = async (url: string): Promise<void> => {
    try {
      await navigator.clipboard.writeText(url);
      setMessage(ct('docsPageCopied'));
    } catch {
      // No clipboard permission (an embedded or insecure page): the field is selected for a manual copy.
      document.querySelector<HTMLInputElement>('#va-docs-page-url')?.select();
    }
  };
  const mail = (): void =>
    void cases
      .mailDocumentsPageLink()
      .then((sent) => setMessage(ct('docsPageMailed', { until: when(sent.expiresAt, lang) })), fail);
  return (
    <section class="va-docs-page" aria-labelledby="va-docs-page-title" data-testid="documents-page-link">
      <h3 id="va-docs-page-title" class="va-case-h">
        {ct('docsPageTitle')}
      </h3>
      <p>{ct('docsPageIntro')}</p>
      {link ? (
        <p class="va-doc-link">
          <label for="va-docs-page-url">{ct('docsPageValid', { until: when(link.expiresAt, lang) })}</label>{' '}
          <input
            id="va-docs-page-url"
            type="text"
            readOnly
            value={link.url}
            onFocus={(e) => e.currentTarget.select()}
            data-testid="documents-page-url"
          />
        </p>
      ) : null}
      <span class="va-case-row">
        {link ? (
          <button
            type="button"
            class="va-case-button"
            onClick={() => void copy(link.url)}
            data-testid="documents-page-copy"
          >
            {ct('docsPageCopy')}
          </button>
        ) : (
          <button
            type="button"
            class="va-case-button"
            onClick={() => void cases.documentsPageLink().then(setLink, fail)}
            data-testid="documents-page-make"
          >
            {ct('docsPageMake')}
          </button>
        )}
        <button
          type="button"
          class="va-case-button va-case-button--secondary"
          onClick={mail}
          data-testid="documents-page-mail"
        >
          {ct('docsPageMail')}
        </button>
      </span>
      {message ? (
        <p class="va-case-note" role="status" data-testid="documents-page-message">
          {message}
        </p>
      ) : null}
    </section>
  );
}

const when = formatShortMoment;

function DocumentRow({ doc }: { doc: DocumentInfo }): JSX.Element {
  const { ct, lang, cases, fail, role } = useCase();
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  return (
    <li class="va-case-item" data-testid="document" data-document={doc.id} data-status={doc.status}>
      <span class="va-case-item-name">{localized(doc.title, lang)}</span>
      <span class="va-field-meta">
        {doc.status === 'sealed' && doc.sealedAt
          ? ct('docStatus_sealed', { at: when(doc.sealedAt, lang) })
          : ct('docStatus_awaiting_signature')}
      </span>
      {doc.lockedUntilPaid ? (
        <span class="va-field-meta va-doc-locked" data-testid="document-locked">
          {ct('docLockedUntilPaid')}
        </span>
      ) : null}
      {doc.downloadUrl ? (
        <span class="va-case-row">
          <a class="va-case-button" href={doc.downloadUrl} download data-testid="document-download">
            {ct('docDownload')}
          </a>
          {role !== 'guest' ? (
            <button
              type="button"
              class="va-case-link"
              onClick={() => void cases.documentLink(doc.id).then(setLink, fail)}
              data-testid="document-link"
            >
              {ct('docLink')}
            </button>
          ) : null}
        </span>
      ) : null}
      {link ? (
        <span class="va-doc-link">
          {ct('docLinkMade', { until: when(link.expiresAt, lang) })}{' '}
          <input
            type="text"
            readOnly
            value={link.url}
            aria-label={ct('docLink')}
            onFocus={(e) => e.currentTarget.select()}
          />
        </span>
      ) : null}
    </li>
  );
}

function size(bytes: number, lang: string): string {
  return bytes >= 1024 * 1024
    ? `${formatDecimal(bytes / 1024 / 1024, lang)} MB`
    : `${formatDecimal(Math.max(bytes / 1024, 0.1), lang)} KB`;
}

function Files({ readOnly }: { readOnly: boolean }): JSX.Element {
  const { state, ct, lang, cases, selfId } = useCase();
  const { files, uploads } = state.snapshot!;
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean; code?: string } | null>(null);
  const upload = async (input: HTMLInputElement): Promise<void> => {
    const file = input.files?.[0];
    if (!file) return;
    setMessage(null);
    setProgress(0);
    try {
      const stored = await cases.upload(file, setProgress);
      setMessage({ text: ct('filesUploaded', { name: stored.name }), error: false });
    } catch (error) {
      const code = error instanceof UploadError ? error.code : 'failed';
      const key = `upload_${code}` as CaseTextKey;
      setMessage({ text: ct(key in UPLOAD_KEYS ? key : 'upload_failed'), error: true, code });
    } finally {
      setProgress(null);
      input.value = '';
    }
  };
  const whoOf = (file: CaseFileInfo): string =>
    file.uploadedBy.id === selfId
      ? ct('fileWhoYou')
      : ct(file.uploadedBy.role === 'clerk' ? 'fileWhoClerk' : 'fileWhoCitizen');
  return (
    <section aria-labelledby="va-files-title">
      <h3 id="va-files-title" class="va-case-h">
        {ct('filesTitle')}
      </h3>
      {files.length === 0 ? (
        <p>{ct('filesNone')}</p>
      ) : (
        <ul class="va-case-list" data-testid="files">
          {files.map((file) => (
            <li key={file.id} class="va-case-item" data-testid="file" data-file={file.id}>
              <a class="va-case-item-name" href={file.downloadUrl} download>
                {file.name}
              </a>
              <span class="va-field-meta">{ct('filesBy', { size: size(file.size, lang), who: whoOf(file) })}</span>
            </li>
          ))}
        </ul>
      )}
      {readOnly ? null : (
        <>
          <label class="va-upload" for="va-upload-input">
            {ct('filesUpload')}
          </label>
          <input
            id="va-upload-input"
            type="file"
            accept=".pdf,.jpg,.jpeg,.png,.heic,.heif,application/pdf,image/jpeg,image/png,image/heic,image/heif"
            disabled={progress !== null}
            aria-describedby="va-upload-limits"
            onChange={(e) => void upload(e.currentTarget)}
            data-testid="file-upload"
          />
          <p id="va-upload-limits" class="va-field-help">
            {ct('filesLimits', {
              max: size(uploads.maxBytes, lang),
              free: size(Math.max(uploads.quotaBytes - uploads.usedBytes, 0), lang),
            })}
          </p>
        </>
      )}
      {progress !== null ? (
        <p>
          <progress
            max={1}
            value={progress}
            aria-label={ct('filesProgress', { percent: Math.round(progress * 100) })}
            data-testid="upload-progress"
          />{' '}
          {ct('filesProgress', { percent: Math.round(progress * 100) })}
        </p>
      ) : null}
      {message ? (
        <p
          class={message.error ? 'va-field-issue' : 'va-case-note'}
          role={message.error ? 'alert' : 'status'}
          data-testid="upload-message"
          data-code={message.code ?? 'ok'}
        >
          {message.text}
        </p>
      ) : null}
    </section>
  );
}

const UPLOAD_KEYS: Record<string, true> = Object.fromEntries(
  [
    'empty',
    'too_large',
    'quota_exceeded',
    'type_not_allowed',
    'active_content',
    'infected',
    'scanner_unavailable',
    'network',
    'failed',
  ].map((code) => [`upload_${code}`, true]),
);
