/**
 * One error family in both services (issue 14 item 3): the connector's and the video service's six kinds are
 * the shared classes (video-service/src/shared/errors.ts), built the same way and answered with the same HTTP
 * statuses, except the one documented difference (invalid input: 422 at the connector, 400 at the video
 * service). The wire answers themselves are checked by each service's HTTP suites.
 */
import { expect } from 'chai';
import * as connector from '../../connector/src/errors.ts';
import * as shared from '../../video-service/src/shared/errors.ts';
import * as video from '../../video-service/src/errors.ts';

const KINDS = ['InvalidInput', 'Forbidden', 'NotFound', 'Conflict', 'InvalidState'] as const;
const STATUS = { InvalidInput: 400, Forbidden: 403, NotFound: 404, Conflict: 409, InvalidState: 409 } as const;

describe('one error family in both services', () => {
  for (const kind of KINDS) {
    it(`${kind}: the same class shape and status on both sides`, () => {
      const cause = new Error('underneath');
      const fromConnector = new connector[kind]('refused', { reason: 'room_full', cause });
      const fromVideo = new video[kind]('refused', { reason: 'room_full', cause });
      for (const error of [fromConnector, fromVideo]) {
        expect(error).to.be.instanceOf(shared[kind]);
        expect(error).to.be.instanceOf(shared.AppError);
        expect(error).to.include({ message: 'refused', reason: 'room_full', cause, name: kind });
        expect(error.issues).to.deep.equal([]);
      }
      expect(fromConnector.code).to.equal(fromVideo.code);
      expect(shared.httpStatus(fromVideo)).to.equal(STATUS[kind]);
      expect(shared.httpStatus(fromConnector, kind === 'InvalidInput' ? 422 : undefined)).to.equal(
        kind === 'InvalidInput' ? 422 : STATUS[kind],
      );
    });
  }

  it('Unauthorized: the same shape; the video service requires the refusal reason the join page explains', () => {
    const fromConnector = new connector.Unauthorized('no key', { reason: 'bad_signature' });
    const opensAt = new Date('2026-12-08T09:00:00Z');
    const fromVideo = new video.Unauthorized('not open yet', { reason: 'not_yet_valid', opensAt });
    for (const error of [fromConnector, fromVideo]) {
      expect(error).to.be.instanceOf(shared.Unauthorized);
      expect(error.code).to.equal('unauthorized');
      expect(shared.httpStatus(error)).to.equal(401);
    }
    expect(fromConnector.reason).to.equal('bad_signature');
    expect(fromVideo).to.include({ reason: 'not_yet_valid', opensAt });
  });

  it('a kind without a reason, with field issues and no cause', () => {
    const error = new connector.InvalidInput('bad body', { issues: [{ path: 'start', message: 'required' }] });
    expect(error.reason).to.equal(undefined);
    expect(error.issues).to.deep.equal([{ path: 'start', message: 'required' }]);
    expect('cause' in error).to.equal(false);
  });

  it('the TAN refusal keeps its tries left', () => {
    const error = new video.InvalidInput('wrong TAN', { reason: 'tan_wrong', attemptsLeft: 2 });
    expect(error).to.include({ reason: 'tan_wrong', attemptsLeft: 2 });
  });
});
