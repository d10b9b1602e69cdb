/**
 * What the workplace's use cases need besides the appointments: the citizen's state per room and the
 * claims of "take the next waiting citizen". persistence/workplace-repository.ts implements it.
 */

/** A room's state as the video service's event webhooks left it (video_rooms). */
export interface RoomState {
  appointmentId: string;
  startedAt: Date | null;
  endedAt: Date | null;
  citizenState: 'waiting' | 'in_call' | 'left' | 'disconnected' | null;
  citizenStateAt: Date | null;
  waitingSince: Date | null;
  networkCheck: string | null;
  /** The estimated waiting time a clerk last sent the citizen (migration 0160); null when none. */
  waitingEstimate: { minutes: number; at: Date } | null;
}

/** Who took an appointment from a desk's queue (workplace_claims: one row per appointment). */
export interface Claim {
  appointmentId: string;
  desk: string;
  clerkId: string;
  claimedAt: Date;
}

export interface WorkplaceStore {
  roomStates(appointmentIds: string[]): Promise<Map<string, RoomState>>;
  claims(appointmentIds: string[]): Promise<Map<string, Claim>>;
  /** Inserts the claim; false when the appointment was claimed already (the primary key decides, docs/adr/0085). */
  claim(claim: Claim): Promise<boolean>;
  /** Records the estimate the video service confirmed for the room of `appointmentId` (the row exists while someone waits). */
  recordEstimate(appointmentId: string, estimate: { minutes: number; at: Date }): Promise<void>;
}
