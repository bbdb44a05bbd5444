// pdfmake 0.3 ships no types (and @types/pdfmake describes 0.2): the server-side surface we use.
declare module "pdfmake" {
  type FontFiles = { normal: string; bold: string; italics: string; bolditalics: string };
  export interface PdfMakeOutput {
    /** the rendered pdfkit document, before it is ended */
    getStream(): Promise<unknown>;
    getBuffer(): Promise<Buffer>;
  }
  export interface PdfMake {
    virtualfs: { existsSync(name: string): boolean; writeFileSync(name: string, content: Buffer): void };
    setFonts(fonts: Record<string, FontFiles>): void;
    setUrlAccessPolicy(allow: (url: string) => boolean): void;
    setLocalAccessPolicy(allow: (path: string) => boolean): void;
    createPdf(docDefinition: object, options?: object): PdfMakeOutput;
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}
