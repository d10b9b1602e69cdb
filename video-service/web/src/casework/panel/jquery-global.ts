/**
 * jQuery for jSignature, which is a classic jQuery plugin: it reaches for the globals `jQuery` and `$`
 * when it is evaluated. Imported by `signature-pad.ts` before `jsignature`, so both arrive in the
 * signature pad's lazy chunk and never in the page loaded before the call.
 */
import jQuery from 'jquery';

declare global {
  interface Window {
    jQuery?: typeof jQuery;
    $?: typeof jQuery;
  }
}

window.jQuery = jQuery;
window.$ = jQuery;

export default jQuery;
