//! QR codes as SVG, for posters, leaflets and claim sheets.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// An SVG QR code of `data`, with the standard quiet zone, error correction
/// level M (a poster may be scuffed), and a title for screen readers.
pub fn svg(data: &str, title: &str) -> Result<String, qrcode::types::QrError> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(320, 320)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // Name the image for assistive technology.
    let escaped = title.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    Ok(image.replacen("<svg ", &format!("<svg role=\"img\" aria-label=\"{}\" ", escaped.replace('"', "&quot;")), 1))
}
