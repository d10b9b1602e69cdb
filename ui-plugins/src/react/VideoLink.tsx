/** @jsxImportSource react */
/**
 * React component for schedulers built with React: the same accessible "open video appointment" link as the
 * `<va-video-link>` custom element.
 */
import { labelsFor } from '../labels.ts';

export interface VideoLinkProps {
  /** The clerk (or citizen) join link, token in the fragment. */
  href: string;
  /** BCP 47 language; German when absent or unknown. */
  lang?: string;
}

export function VideoLink({ href, lang }: VideoLinkProps) {
  const labels = labelsFor(lang);
  return (
    <a className="va-video-link" href={href} target="_blank" rel="noopener noreferrer">
      {labels.open}
      <span className="va-visually-hidden"> {labels.opensNewWindow}</span>
    </a>
  );
}
