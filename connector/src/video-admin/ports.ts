/**
 * What the admin-call worker needs from storage (persistence/video-admin-call-repository.ts implements
 * it). The calls themselves are queued through the domain port VideoAdminOutbox.
 */
import type { VideoAdminCall } from '../domain/outbound-ports.ts';

/** A queued admin call this process has claimed. */
export type ClaimedAdminCall = VideoAdminCall & {
  id: number;
  claimToken: string;
  /** Attempts made before this one. */
  attempts: number;
};

export type AdminCallOutcome =
  | { kind: 'done'; at: Date; statusCode: number }
  | { kind: 'retry'; nextAttemptAt: Date; statusCode: number | null; error: string }
  /** `giveUpAt` has passed: the tokens have expired anyway, the room is long over. */
  | { kind: 'expired'; at: Date; statusCode: number | null; error: string };

export interface AdminCallStore {
  claimDue(owner: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedAdminCall[]>;
  /** Applies the outcome; false (no effect) when the claim was lost. */
  settle(call: ClaimedAdminCall, outcome: AdminCallOutcome): Promise<boolean>;
}
