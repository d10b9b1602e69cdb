import { expect } from 'chai';
import { DatabaseError } from 'sequelize';
import { safeError } from '../../connector/src/log.ts';
import { errorFields } from '../../video-service/src/log.ts';

/** MariaDB repeats the offending value in its message, and sequelize attaches the SQL with its values. */
function duplicateEntryError(): Error {
  const driverError = Object.assign(new Error("Duplicate entry 'erika@example.org' for key 'appointments_email'"), {
    code: 'ER_DUP_ENTRY',
    sql: "INSERT INTO appointments (citizen) VALUES ('Erika Mustermann, erika@example.org')",
    parameters: {},
  });
  return new DatabaseError(driverError);
}

describe('errors as they reach the logs', () => {
  for (const [service, serialize] of [['connector', safeError], ['video service', errorFields]] as const) {
    it(`${service}: a database error keeps its name and driver code but none of the values`, () => {
      const logged = JSON.stringify(serialize(duplicateEntryError()));
      expect(logged).to.include('SequelizeDatabaseError').and.include('ER_DUP_ENTRY');
      expect(logged).to.not.match(/erika|Mustermann/i);
    });

    it(`${service}: other errors keep their message; an already serialised error passes unchanged`, () => {
      const fields = serialize(new Error('connect ECONNREFUSED 127.0.0.1:25'));
      expect(fields).to.include({ name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:25' });
      expect(serialize(fields)).to.deep.equal(fields);
    });
  }
});
