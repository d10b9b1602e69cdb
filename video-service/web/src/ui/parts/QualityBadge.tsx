/** A connection-quality level in words and bars ("Verbindung: gut"), never by colour alone. */
import type { JSX } from 'preact';
import type { QualityReport } from '@virtuelles-amt/video-service/contract/signalling';
import { useUi } from '../context.ts';
import { QualityIcon } from './icons.tsx';

const BARS = { good: 3, fair: 2, poor: 1 } as const;

export function QualityBadge({
  report,
  compact = false,
  testId,
}: {
  report: QualityReport | null;
  compact?: boolean;
  testId: string;
}): JSX.Element {
  const { t } = useUi();
  const level = report?.level ?? null;
  const details =
    report?.rttMs === undefined
      ? ''
      : t('qualityDetails', { rtt: report.rttMs, loss: Math.round((report.packetLoss ?? 0) * 100) });
  return (
    <span
      class={`va-quality va-quality--${level ?? 'unknown'} ${compact ? 'va-quality--compact' : ''}`}
      data-testid={testId}
      data-level={level ?? 'unknown'}
      title={details || undefined}
    >
      <QualityIcon bars={level ? BARS[level] : 0} />
      <span class={compact ? 'va-visually-hidden' : ''}>{level ? t(`quality_${level}`) : t('qualityMeasuring')}</span>
    </span>
  );
}
