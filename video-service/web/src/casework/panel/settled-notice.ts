/**
 * A notice about something finished ("the photo has arrived") must not stay for the rest of the session
 * (issue 11, item 13): it goes when the person dismisses it, after `ms`, or when the next step starts
 * (`context` changes). Notices still in progress stay. Returns the notice to show and the dismiss verb.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

/** How long a finished notice stays by itself. */
export const SETTLED_NOTICE_MS = 8000;

export function useSettledNotice<T extends object>(
  notice: T | null,
  settled: (notice: T) => boolean,
  context: unknown,
  ms = SETTLED_NOTICE_MS,
): [T | null, () => void] {
  const [gone, setGone] = useState<T | null>(null);
  const done = notice !== null && settled(notice);
  useEffect(() => {
    if (!done || !notice) return;
    const timer = setTimeout(() => setGone(notice), ms);
    return () => clearTimeout(timer);
  }, [notice, done, ms]);
  // The next step started: what was finished before is history.
  const seenContext = useRef(context);
  useEffect(() => {
    if (seenContext.current === context) return;
    seenContext.current = context;
    if (done && notice) setGone(notice);
  }, [context, done, notice]);
  const shown = notice !== null && notice !== gone ? notice : null;
  return [shown, () => notice && setGone(notice)];
}
