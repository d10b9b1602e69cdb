/**
 * Service names and "documents to have ready" in Turkish, Arabic, Ukrainian and Russian, keyed by the German
 * text of the catalogue. One table for both services: the video service's (video-service/src/shared/), imported
 * by package name as the connector imports the video service's contracts, so the two can never disagree.
 */
export { SERVICE_TRANSLATIONS } from '@virtuelles-amt/video-service/shared/service-translations';
