import QRCode from "qrcode";

/** A QR code as SVG; medium error correction survives a poster that is a little worn. */
export function renderJoinQr(url: string) {
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#111111", light: "#ffffff" } });
}
