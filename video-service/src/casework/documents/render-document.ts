/**
 * Renders a form's document with pdf-lib: the frozen form data (German / English labels), the signature
 * (the drawn image, or the TAN confirmation) and, for the final document, an audit page (who, when, the
 * ID-check result, the SHA-256 of the data, how to verify). The review rendering before signing carries a
 * DRAFT mark and no audit page. The caller adds the seal and saves.
 */
import { degrees, rgb } from 'pdf-lib';
import type { IdDocumentType, TanChannel } from '../../contract/casework.ts';
import type { FormData } from '../forms/form-data.ts';
import type { CheckedSignature } from './signature-image.ts';
import type { LogoImage } from '../../shared/municipality-profile.ts';
import { drawLetterhead } from './letterhead.ts';
import { sealNote } from './pdf-notes.ts';
import { PdfWriter } from './pdf-writer.ts';

export type SignatureFacts =
  | { method: 'drawn'; image: CheckedSignature; signerName: string; signerId: string; signedAt: Date }
  | { method: 'tan'; channel: TanChannel; tanId: string; signerName: string; signerId: string; signedAt: Date };

export interface IdCheckFacts {
  verified: boolean;
  documentType: IdDocumentType;
  numberLast4: string | null;
  clerkName: string;
  at: Date;
}

export interface RenderInput {
  authority: string;
  /** The office's postal address under its name (the municipality profile). */
  authorityAddress?: string;
  /** The office's coat of arms in the letterhead (the municipality profile). */
  authorityLogo?: LogoImage | null;
  documentId: string;
  data: FormData;
  dataHash: string;
  frozenAt: Date;
  frozenBy: { id: string; name: string };
  timeZone: string;
  verifyUrl: string;
  /** Absent: the review rendering (DRAFT, unsigned). */
  signature?: SignatureFacts;
  idCheck?: IdCheckFacts | null;
  sealedAt?: Date;
  /** The appointment's language: the audit page's note for the citizen is added in it (./pdf-notes.ts). */
  citizenLanguage?: string;
}

const DOC_TYPES: Record<IdDocumentType, string> = {
  personalausweis: 'Personalausweis / ID card',
  reisepass: 'Reisepass / passport',
  aufenthaltstitel: 'Aufenthaltstitel / residence permit',
  ausweisersatz: 'Ausweisersatz / substitute ID',
};

/** `dd.mm.yyyy, HH:MM Uhr` in the zone. */
export function localTime(at: Date, timeZone: string): string {
  const f = new Intl.DateTimeFormat('de-DE', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return `${f.format(at)} Uhr (${timeZone})`;
}

async function header(w: PdfWriter, input: RenderInput): Promise<void> {
  await drawLetterhead(w, letterheadOf(input));
  w.space(6);
  w.text(input.data.title.de, { size: 16, bold: true });
  w.text(input.data.title.en, { size: 11, color: rgb(0.35, 0.35, 0.35) });
  if (input.data.legalBasis) w.text(input.data.legalBasis, { size: 8.5, color: rgb(0.35, 0.35, 0.35) });
  w.space(4);
  w.row('Dokument / Document', input.documentId);
  w.row('Erfasst am / Recorded', localTime(input.frozenAt, input.timeZone));
  w.rule();
}

function draftMark(w: PdfWriter): void {
  for (const page of w.doc.getPages()) {
    page.drawText('ENTWURF / DRAFT', {
      x: 120,
      y: 260,
      size: 64,
      font: w.bold,
      color: rgb(0.85, 0.85, 0.85),
      rotate: degrees(45),
      opacity: 0.5,
    });
  }
}

function formBody(w: PdfWriter, data: FormData): void {
  for (const section of data.sections) {
    w.heading(`${section.title.de} / ${section.title.en}`, 11.5);
    for (const entry of section.entries) {
      if (entry.kind === 'row') {
        w.row(`${entry.label.de} / ${entry.label.en}`, entry.text);
        continue;
      }
      for (const item of entry.items) {
        w.ensure(40);
        w.space(2);
        w.text(`${item.title.de} / ${item.title.en}`, { size: 10, bold: true, indent: 8 });
        for (const row of item.rows) w.row(`${row.label.de} / ${row.label.en}`, row.text, 8);
      }
    }
  }
}

async function signatureBlock(w: PdfWriter, input: RenderInput): Promise<void> {
  // Heading, signature and name stay on one page.
  w.ensure(input.signature?.method === 'drawn' ? 150 : 80);
  w.heading('Unterschrift / Signature', 11.5);
  const s = input.signature;
  if (!s) {
    w.text('Noch nicht unterschrieben – bitte prüfen Sie die Angaben. / Not signed yet – please review the details.', {
      size: 10,
    });
    return;
  }
  if (s.method === 'tan') {
    const channel = s.channel === 'sms' ? 'SMS-TAN' : 'Hidden-TAN';
    w.text(`Elektronisch bestätigt mit ${channel} von ${s.signerName} am ${localTime(s.signedAt, input.timeZone)}.`, {
      size: 10,
    });
    w.text(
      `Confirmed electronically with a ${channel} by ${s.signerName} on ${localTime(s.signedAt, input.timeZone)}.`,
      { size: 9, color: rgb(0.35, 0.35, 0.35) },
    );
    w.text(`Die TAN war an die Prüfsumme der Formulardaten gebunden: ${input.dataHash}`, { size: 8 });
    return;
  }
  const box = { width: 220, height: 80 };
  const img = s.image;
  const scale = Math.min(box.width / img.width, box.height / img.height, 1.5);
  w.ensure(box.height + 40);
  w.space(box.height + 4);
  const x = w.left;
  const y = w.y;
  if (img.format === 'png') {
    const png = await w.doc.embedPng(img.bytes);
    w.page.drawImage(png, { x, y, width: img.width * scale, height: img.height * scale });
  } else {
    for (const d of img.paths) {
      w.page.drawSvgPath(d, {
        x,
        y: y + img.height * scale,
        scale,
        borderColor: rgb(0, 0, 0.3),
        borderWidth: 1.6 / Math.max(scale, 0.1),
      });
    }
  }
  w.page.drawLine({
    start: { x, y: y - 3 },
    end: { x: x + box.width, y: y - 3 },
    thickness: 0.6,
    color: rgb(0.3, 0.3, 0.3),
  });
  w.text(`${s.signerName} – ${localTime(s.signedAt, input.timeZone)}`, { size: 9 });
}

const letterheadOf = (input: RenderInput) => ({
  authority: input.authority,
  address: input.authorityAddress,
  logo: input.authorityLogo,
});

async function auditPage(w: PdfWriter, input: RenderInput): Promise<void> {
  const s = input.signature!;
  w.newPage();
  await drawLetterhead(w, letterheadOf(input));
  w.heading('Prüfprotokoll / Audit record', 14);
  w.row('Dokument / Document', input.documentId);
  w.row('Formular / Form', `${input.data.title.de} (${input.data.form}, Version ${input.data.version})`);
  w.row(
    'Eingefroren / Frozen',
    `${localTime(input.frozenAt, input.timeZone)} – ${input.frozenBy.name} (${input.frozenBy.id})`,
  );
  w.row('Unterschrieben / Signed', `${localTime(s.signedAt, input.timeZone)} – ${s.signerName} (${s.signerId})`);
  w.row(
    'Verfahren / Method',
    s.method === 'drawn'
      ? 'Gezeichnete Unterschrift / drawn signature'
      : `TAN (${s.channel === 'sms' ? 'SMS-TAN' : 'Hidden-TAN'})`,
  );
  const id = input.idCheck;
  w.row(
    'Identitätsprüfung (Sichtprüfung) / ID check (visual)',
    id
      ? `${id.verified ? 'bestätigt / verified' : 'nicht bestätigt / not verified'}; ${DOC_TYPES[id.documentType]}${id.numberLast4 ? `, Nummer endet auf / number ends in ${id.numberLast4}` : ''}; ${id.clerkName}, ${localTime(id.at, input.timeZone)}`
      : 'nicht durchgeführt / not done',
  );
  w.row('SHA-256 der Formulardaten / of the form data', input.dataHash);
  if (input.sealedAt) w.row('Gesiegelt / Sealed', localTime(input.sealedAt, input.timeZone));
  w.space(8);
  w.text(
    `Dieses Dokument trägt das elektronische Siegel von ${input.authority}. Jede Änderung macht das Siegel ungültig. Prüfen Sie es unter ${input.verifyUrl}.`,
    { size: 9 },
  );
  w.text(
    `This document carries the electronic seal of ${input.authority}. Any change breaks the seal. Verify it at ${input.verifyUrl}.`,
    {
      size: 9,
      color: rgb(0.35, 0.35, 0.35),
    },
  );
  const note = sealNote(input.citizenLanguage, input.authority, input.verifyUrl);
  if (note) w.text(note.text, { size: 9, color: rgb(0.35, 0.35, 0.35), rtl: note.rtl ? note.language : undefined });
}

/** Renders the document (not yet saved or sealed). */
export async function renderDocument(input: RenderInput): Promise<PdfWriter> {
  const w = await PdfWriter.create({
    title: `${input.data.title.de} – ${input.documentId}`,
    author: input.authority,
    subject: input.data.title.en,
    footer: `${input.authority} · ${input.data.title.de} · ${input.documentId}`,
    createdAt: input.sealedAt ?? input.frozenAt,
  });
  await header(w, input);
  formBody(w, input.data);
  await signatureBlock(w, input);
  if (input.signature) await auditPage(w, input);
  else draftMark(w);
  w.finish();
  return w;
}
