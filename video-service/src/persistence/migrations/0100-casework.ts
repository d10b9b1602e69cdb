/**
 * Casework (issue 5): the case per room with its agenda, co-edited forms and their fields, documents,
 * signatures, TANs (hashed), ID checks, uploaded files, the hash-chained audit log, retention bookkeeping
 * and anonymous statistics. Times are DATETIME(3) in UTC; the audit log keeps its time as the ISO text it
 * hashed.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export const name = '0100-casework';

const id = () => ({ type: DataTypes.STRING(36), primaryKey: true, allowNull: false });
const room = () => ({ type: DataTypes.STRING(64), allowNull: false });
const who = (allowNull = false) => ({ type: DataTypes.STRING(128), allowNull });
const time = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });
const hash = (allowNull = false) => ({ type: DataTypes.STRING(64), allowNull });
/** Up to 16 MB on MySQL (MEDIUMTEXT); SQLite's TEXT has no size variants. */
const longText = (qi: QueryInterface) =>
  qi.sequelize.getDialect() === 'mysql' ? DataTypes.TEXT('medium') : DataTypes.TEXT;

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('case_cases', {
    room: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    appointment_id: { type: DataTypes.STRING(128), allowNull: false },
    services: { type: DataTypes.TEXT, allowNull: false },
    appointment_start: time(),
    appointment_end: time(),
    time_zone: { type: DataTypes.STRING(64), allowNull: false },
    opened_at: time(),
    last_activity_at: time(),
    finished_at: time(true),
    stats_recorded: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
  });

  await qi.createTable('case_agenda_items', {
    room: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    item_id: { type: DataTypes.STRING(100), primaryKey: true, allowNull: false },
    state: { type: DataTypes.STRING(16), allowNull: false },
    updated_by: who(true),
    updated_at: time(true),
  });

  await qi.createTable('case_forms', {
    id: id(),
    room: room(),
    service: { type: DataTypes.STRING(64), allowNull: false },
    definition_id: { type: DataTypes.STRING(64), allowNull: false },
    definition_version: { type: DataTypes.INTEGER, allowNull: false },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    status: { type: DataTypes.STRING(16), allowNull: false },
    prefilled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    created_at: time(),
    frozen_at: time(true),
    frozen_by: who(true),
    document_id: { type: DataTypes.STRING(36), allowNull: true },
  });
  await qi.addIndex('case_forms', ['room', 'service'], { name: 'case_forms_room_service', unique: true });

  await qi.createTable('case_form_fields', {
    form_id: { type: DataTypes.STRING(36), primaryKey: true, allowNull: false },
    path: { type: DataTypes.STRING(200), primaryKey: true, allowNull: false },
    value: { type: DataTypes.TEXT, allowNull: false },
    version: { type: DataTypes.INTEGER, allowNull: false },
    updated_by: who(),
    updated_at: time(),
  });

  await qi.createTable('case_documents', {
    id: id(),
    room: room(),
    form_id: { type: DataTypes.STRING(36), allowNull: false },
    service: { type: DataTypes.STRING(64), allowNull: false },
    definition_id: { type: DataTypes.STRING(64), allowNull: false },
    status: { type: DataTypes.STRING(24), allowNull: false },
    data_hash: hash(),
    data_json: { type: longText(qi), allowNull: false },
    frozen_at: time(),
    frozen_by: who(),
    signature_method: { type: DataTypes.STRING(8), allowNull: true },
    signer_id: who(true),
    sealed_at: time(true),
    pdf_sha256: hash(true),
    pdf_size: { type: DataTypes.INTEGER, allowNull: true },
    storage_name: { type: DataTypes.STRING(80), allowNull: true },
    cert_fingerprint: hash(true),
    audit_seq: { type: DataTypes.INTEGER, allowNull: true },
  });
  await qi.addIndex('case_documents', ['room'], { name: 'case_documents_room' });
  await qi.addIndex('case_documents', ['pdf_sha256'], { name: 'case_documents_pdf_sha256' });

  await qi.createTable('case_signatures', {
    document_id: { type: DataTypes.STRING(36), primaryKey: true, allowNull: false },
    room: room(),
    method: { type: DataTypes.STRING(8), allowNull: false },
    image_format: { type: DataTypes.STRING(8), allowNull: true },
    image: { type: longText(qi), allowNull: true },
    tan_channel: { type: DataTypes.STRING(8), allowNull: true },
    signed_by: who(),
    signed_at: time(),
  });

  await qi.createTable('case_tans', {
    id: id(),
    room: room(),
    document_id: { type: DataTypes.STRING(36), allowNull: false },
    data_hash: hash(),
    channel: { type: DataTypes.STRING(8), allowNull: false },
    salt: { type: DataTypes.STRING(32), allowNull: false },
    tan_hash: hash(),
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    expires_at: time(),
    created_at: time(),
    created_by: who(),
    used_at: time(true),
    locked_at: time(true),
    superseded_at: time(true),
  });
  await qi.addIndex('case_tans', ['document_id'], { name: 'case_tans_document' });

  await qi.createTable('case_id_checks', {
    id: id(),
    room: room(),
    status: { type: DataTypes.STRING(16), allowNull: false },
    document_type: { type: DataTypes.STRING(32), allowNull: false },
    steps: { type: DataTypes.TEXT, allowNull: false },
    step: { type: DataTypes.STRING(16), allowNull: false },
    checklist: { type: DataTypes.TEXT, allowNull: false },
    questions: { type: DataTypes.TEXT, allowNull: false },
    started_by: who(),
    started_at: time(),
    completed_at: time(true),
    completed_by: who(true),
    completed_by_name: { type: DataTypes.STRING(200), allowNull: true },
    verified: { type: DataTypes.BOOLEAN, allowNull: true },
    number_last4: { type: DataTypes.STRING(4), allowNull: true },
    updated_at: time(),
  });
  await qi.addIndex('case_id_checks', ['room', 'started_at'], { name: 'case_id_checks_room' });

  await qi.createTable('case_files', {
    id: id(),
    room: room(),
    uploaded_by: who(),
    uploader_role: { type: DataTypes.STRING(16), allowNull: false },
    original_name: { type: DataTypes.STRING(200), allowNull: false },
    mime: { type: DataTypes.STRING(100), allowNull: false },
    size: { type: DataTypes.INTEGER, allowNull: false },
    sha256: hash(),
    storage_name: { type: DataTypes.STRING(80), allowNull: false },
    scan: { type: DataTypes.STRING(16), allowNull: false },
    created_at: time(),
  });
  await qi.addIndex('case_files', ['room'], { name: 'case_files_room' });

  await qi.createTable('case_audit_log', {
    seq: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
    created_at: { type: DataTypes.STRING(30), allowNull: false },
    kind: { type: DataTypes.STRING(48), allowNull: false },
    subject_hash: hash(true),
    public_json: { type: DataTypes.TEXT, allowNull: false },
    personal_hash: hash(),
    personal_json: { type: DataTypes.TEXT, allowNull: true },
    room: { type: DataTypes.STRING(64), allowNull: true },
    retention_kind: { type: DataTypes.STRING(16), allowNull: true },
    prev_hash: hash(),
    hash: hash(),
  });
  await qi.addIndex('case_audit_log', ['subject_hash'], { name: 'case_audit_log_subject' });
  await qi.addIndex('case_audit_log', ['room'], { name: 'case_audit_log_room' });

  await qi.createTable('case_retention', {
    room: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    kind: { type: DataTypes.STRING(16), primaryKey: true, allowNull: false },
    due_at: time(),
    done_at: time(true),
    claimed_by: { type: DataTypes.STRING(64), allowNull: true },
    claimed_until: time(true),
  });
  await qi.addIndex('case_retention', ['done_at', 'due_at'], { name: 'case_retention_due' });

  await qi.createTable('case_retention_log', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    done_at: time(),
    rows_deleted: { type: DataTypes.INTEGER, allowNull: false },
    files_deleted: { type: DataTypes.INTEGER, allowNull: false },
  });

  await qi.createTable('case_statistics', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    service: { type: DataTypes.STRING(64), allowNull: false },
    month: { type: DataTypes.STRING(7), allowNull: false },
    appointment_minutes: { type: DataTypes.INTEGER, allowNull: false },
    case_minutes: { type: DataTypes.INTEGER, allowNull: true },
    forms_sealed: { type: DataTypes.INTEGER, allowNull: false },
    files: { type: DataTypes.INTEGER, allowNull: false },
    id_check: { type: DataTypes.STRING(16), allowNull: false },
    recorded_at: time(),
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of [
    'case_statistics',
    'case_retention_log',
    'case_retention',
    'case_audit_log',
    'case_files',
    'case_id_checks',
    'case_tans',
    'case_signatures',
    'case_documents',
    'case_form_fields',
    'case_forms',
    'case_agenda_items',
    'case_cases',
  ]) {
    await qi.dropTable(table);
  }
}
