// Types for the two files of `qrcode` that core loads (`@types/qrcode` describes only the package's entry).
declare module "qrcode/lib/core/qrcode.js" {
  import type { QRCode, QRCodeOptions } from "qrcode";
  export function create(text: string, options?: QRCodeOptions): QRCode;
}

declare module "qrcode/lib/renderer/svg-tag.js" {
  import type { QRCode, QRCodeRenderersOptions } from "qrcode";
  export function render(qrData: QRCode, options?: QRCodeRenderersOptions): string;
}
