/**
 * sequelize models over the casework tables (migrations/0100-casework.ts). Only the casework repositories
 * use them; use cases see plain objects.
 */
import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

export interface CaseRow {
  room: string;
  appointment_id: string;
  services: string;
  appointment_start: Date;
  appointment_end: Date;
  time_zone: string;
  opened_at: Date;
  last_activity_at: Date;
  finished_at: Date | null;
  stats_recorded: boolean;
}
export interface AgendaRow {
  room: string;
  item_id: string;
  state: string;
  updated_by: string | null;
  updated_at: Date | null;
}
export interface FormRow {
  id: string;
  room: string;
  service: string;
  definition_id: string;
  definition_version: number;
  version: number;
  status: string;
  prefilled: boolean;
  created_at: Date;
  frozen_at: Date | null;
  frozen_by: string | null;
  document_id: string | null;
}
export interface FieldRow {
  form_id: string;
  path: string;
  value: string;
  version: number;
  updated_by: string;
  updated_at: Date;
}
export interface DocumentRow {
  id: string;
  room: string;
  form_id: string;
  service: string;
  definition_id: string;
  status: string;
  data_hash: string;
  data_json: string;
  frozen_at: Date;
  frozen_by: string;
  signature_method: string | null;
  signer_id: string | null;
  sealed_at: Date | null;
  pdf_sha256: string | null;
  pdf_size: number | null;
  storage_name: string | null;
  cert_fingerprint: string | null;
  audit_seq: number | null;
}
export interface SignatureRow {
  document_id: string;
  room: string;
  method: string;
  image_format: string | null;
  image: string | null;
  tan_channel: string | null;
  signed_by: string;
  signed_at: Date;
}
export interface TanRow {
  id: string;
  room: string;
  document_id: string;
  data_hash: string;
  channel: string;
  salt: string;
  tan_hash: string;
  attempts: number;
  expires_at: Date;
  created_at: Date;
  created_by: string;
  used_at: Date | null;
  locked_at: Date | null;
  superseded_at: Date | null;
}
export interface IdCheckRow {
  id: string;
  room: string;
  status: string;
  document_type: string;
  steps: string;
  step: string;
  checklist: string;
  questions: string;
  started_by: string;
  started_at: Date;
  completed_at: Date | null;
  completed_by: string | null;
  completed_by_name: string | null;
  verified: boolean | null;
  number_last4: string | null;
  updated_at: Date;
}
export interface FileRow {
  id: string;
  room: string;
  uploaded_by: string;
  uploader_role: string;
  original_name: string;
  mime: string;
  size: number;
  sha256: string;
  storage_name: string;
  scan: string;
  created_at: Date;
}
export interface AuditRow {
  seq: number;
  created_at: string;
  kind: string;
  subject_hash: string | null;
  public_json: string;
  personal_hash: string;
  personal_json: string | null;
  room: string | null;
  retention_kind: string | null;
  prev_hash: string;
  hash: string;
}
export interface RetentionRow {
  room: string;
  kind: string;
  due_at: Date;
  done_at: Date | null;
  claimed_by: string | null;
  claimed_until: Date | null;
}
export interface RetentionLogRow {
  id: number;
  kind: string;
  done_at: Date;
  rows_deleted: number;
  files_deleted: number;
}
export interface StatisticsRow {
  id: number;
  service: string;
  month: string;
  appointment_minutes: number;
  case_minutes: number | null;
  forms_sealed: number;
  files: number;
  id_check: string;
  recorded_at: Date;
}

type M<Row extends object, Creation extends object = Row> = ModelStatic<Model<Row, Creation>>;

export interface CaseworkModels {
  Case: M<CaseRow>;
  Agenda: M<AgendaRow>;
  Form: M<FormRow>;
  Field: M<FieldRow>;
  Document: M<DocumentRow>;
  Signature: M<SignatureRow>;
  Tan: M<TanRow>;
  IdCheck: M<IdCheckRow>;
  File: M<FileRow>;
  Audit: M<AuditRow>;
  Retention: M<RetentionRow>;
  RetentionLog: M<RetentionLogRow, Omit<RetentionLogRow, 'id'>>;
  Statistics: M<StatisticsRow, Omit<StatisticsRow, 'id'>>;
}

const common = { timestamps: false, freezeTableName: true } as const;
const S = (n: number) => DataTypes.STRING(n);
const T = DataTypes.DATE(3);
const pk = (type: DataTypes.DataType) => ({ type, primaryKey: true });

export function defineCaseworkModels(sequelize: Sequelize): CaseworkModels {
  const longText = sequelize.getDialect() === 'mysql' ? DataTypes.TEXT('medium') : DataTypes.TEXT;
  return {
    Case: sequelize.define(
      'case_cases',
      {
        room: pk(S(64)),
        appointment_id: S(128),
        services: DataTypes.TEXT,
        appointment_start: T,
        appointment_end: T,
        time_zone: S(64),
        opened_at: T,
        last_activity_at: T,
        finished_at: T,
        stats_recorded: DataTypes.BOOLEAN,
      },
      common,
    ),
    Agenda: sequelize.define(
      'case_agenda_items',
      { room: pk(S(64)), item_id: pk(S(100)), state: S(16), updated_by: S(128), updated_at: T },
      common,
    ),
    Form: sequelize.define(
      'case_forms',
      {
        id: pk(S(36)),
        room: S(64),
        service: S(64),
        definition_id: S(64),
        definition_version: DataTypes.INTEGER,
        version: DataTypes.INTEGER,
        status: S(16),
        prefilled: DataTypes.BOOLEAN,
        created_at: T,
        frozen_at: T,
        frozen_by: S(128),
        document_id: S(36),
      },
      common,
    ),
    Field: sequelize.define(
      'case_form_fields',
      {
        form_id: pk(S(36)),
        path: pk(S(200)),
        value: DataTypes.TEXT,
        version: DataTypes.INTEGER,
        updated_by: S(128),
        updated_at: T,
      },
      common,
    ),
    Document: sequelize.define(
      'case_documents',
      {
        id: pk(S(36)),
        room: S(64),
        form_id: S(36),
        service: S(64),
        definition_id: S(64),
        status: S(24),
        data_hash: S(64),
        data_json: longText,
        frozen_at: T,
        frozen_by: S(128),
        signature_method: S(8),
        signer_id: S(128),
        sealed_at: T,
        pdf_sha256: S(64),
        pdf_size: DataTypes.INTEGER,
        storage_name: S(80),
        cert_fingerprint: S(64),
        audit_seq: DataTypes.INTEGER,
      },
      common,
    ),
    Signature: sequelize.define(
      'case_signatures',
      {
        document_id: pk(S(36)),
        room: S(64),
        method: S(8),
        image_format: S(8),
        image: longText,
        tan_channel: S(8),
        signed_by: S(128),
        signed_at: T,
      },
      common,
    ),
    Tan: sequelize.define(
      'case_tans',
      {
        id: pk(S(36)),
        room: S(64),
        document_id: S(36),
        data_hash: S(64),
        channel: S(8),
        salt: S(32),
        tan_hash: S(64),
        attempts: DataTypes.INTEGER,
        expires_at: T,
        created_at: T,
        created_by: S(128),
        used_at: T,
        locked_at: T,
        superseded_at: T,
      },
      common,
    ),
    IdCheck: sequelize.define(
      'case_id_checks',
      {
        id: pk(S(36)),
        room: S(64),
        status: S(16),
        document_type: S(32),
        steps: DataTypes.TEXT,
        step: S(16),
        checklist: DataTypes.TEXT,
        questions: DataTypes.TEXT,
        started_by: S(128),
        started_at: T,
        completed_at: T,
        completed_by: S(128),
        completed_by_name: S(200),
        verified: DataTypes.BOOLEAN,
        number_last4: S(4),
        updated_at: T,
      },
      common,
    ),
    File: sequelize.define(
      'case_files',
      {
        id: pk(S(36)),
        room: S(64),
        uploaded_by: S(128),
        uploader_role: S(16),
        original_name: S(200),
        mime: S(100),
        size: DataTypes.INTEGER,
        sha256: S(64),
        storage_name: S(80),
        scan: S(16),
        created_at: T,
      },
      common,
    ),
    Audit: sequelize.define(
      'case_audit_log',
      {
        seq: pk(DataTypes.INTEGER),
        created_at: S(30),
        kind: S(48),
        subject_hash: S(64),
        public_json: DataTypes.TEXT,
        personal_hash: S(64),
        personal_json: DataTypes.TEXT,
        room: S(64),
        retention_kind: S(16),
        prev_hash: S(64),
        hash: S(64),
      },
      common,
    ),
    Retention: sequelize.define(
      'case_retention',
      { room: pk(S(64)), kind: pk(S(16)), due_at: T, done_at: T, claimed_by: S(64), claimed_until: T },
      common,
    ),
    RetentionLog: sequelize.define(
      'case_retention_log',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        kind: S(16),
        done_at: T,
        rows_deleted: DataTypes.INTEGER,
        files_deleted: DataTypes.INTEGER,
      },
      common,
    ),
    Statistics: sequelize.define(
      'case_statistics',
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        service: S(64),
        month: S(7),
        appointment_minutes: DataTypes.INTEGER,
        case_minutes: DataTypes.INTEGER,
        forms_sealed: DataTypes.INTEGER,
        files: DataTypes.INTEGER,
        id_check: S(16),
        recorded_at: T,
      },
      common,
    ),
  };
}
