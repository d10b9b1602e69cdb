/**
 * The little of jQuery and jSignature (a jQuery plugin, https://github.com/brinley/jSignature) that the
 * signature pad uses; neither package ships types.
 */
declare module 'jquery' {
  interface JSignatureSettings {
    width?: string;
    height?: string;
    sizeRatio?: number;
    color?: string;
    'background-color'?: string;
    'decor-color'?: string | null;
    lineWidth?: number;
    signatureLine?: boolean;
  }
  interface JQueryObject {
    jSignature(settings?: JSignatureSettings): JQueryObject;
    jSignature(method: 'getData', format: 'image'): [string, string] | undefined;
    jSignature(method: 'getData', format: 'native'): unknown[] | undefined;
    jSignature(method: 'clear' | 'destroy'): JQueryObject;
    find(selector: string): JQueryObject;
    get(index: number): HTMLElement | undefined;
    on(events: string, handler: () => void): JQueryObject;
    off(events: string): JQueryObject;
  }
  interface JQueryStatic {
    (element: Element | Window): JQueryObject;
    /** Applied to every HTML string jQuery parses (jQuery ≥ 1.12 / 2.2). */
    htmlPrefilter(html: string): string;
  }
  const jQuery: JQueryStatic;
  export default jQuery;
}

declare module 'jsignature';
