//! Straightening a scan: the skew is the angle at which the rows of ink line
//! up best (the variance of the horizontal projection peaks), searched over
//! ±3° on a reduced copy; the image is then rotated back about its centre.
//! Grey image in, upright grey image and the angle out.

use crate::pdf::image::GreyImage;

/// Angles searched, in degrees either side of upright.
const MAX_SKEW_DEGREES: f32 = 3.0;
const STEP_DEGREES: f32 = 0.1;
/// Skews below this are left alone (resampling blurs more than it helps).
const MIN_SKEW_DEGREES: f32 = 0.05;

/// The scan turned upright, and the angle (degrees, as [`rotate`] takes
/// it) that turned it.
pub fn deskew(image: &GreyImage, threshold: u8) -> (GreyImage, f32) {
    let angle = skew_angle(image, threshold);
    if angle.abs() < MIN_SKEW_DEGREES {
        return (image.clone(), 0.0);
    }
    (rotate(image, angle), angle)
}

/// Ink pixels of a reduced copy (every `step`th pixel), as (x, y).
fn ink_points(image: &GreyImage, threshold: u8, step: usize) -> Vec<(f32, f32)> {
    let mut points = Vec::new();
    for y in (0..image.height).step_by(step) {
        for x in (0..image.width).step_by(step) {
            if image.at(x, y) <= threshold {
                points.push((x as f32, y as f32));
            }
        }
    }
    points
}

fn skew_angle(image: &GreyImage, threshold: u8) -> f32 {
    let step = (image.width.max(image.height) / 800).max(1);
    let points = ink_points(image, threshold, step);
    if points.len() < 100 {
        return 0.0;
    }
    let rows = image.height / step + image.width / step + 2;
    let mut best = (0.0f32, f64::MIN);
    let steps = (MAX_SKEW_DEGREES / STEP_DEGREES).round() as i32;
    for i in -steps..=steps {
        let angle = i as f32 * STEP_DEGREES;
        let score = projection_score(&points, angle, step as f32, rows);
        if score > best.1 + 1e-9 || (score == best.1 && angle.abs() < best.0.abs()) {
            best = (angle, score);
        }
    }
    best.0
}

/// Sum of squared row counts of the ink projected at `angle`: largest when
/// lines of text and rules lie along the rows.
fn projection_score(points: &[(f32, f32)], angle: f32, step: f32, rows: usize) -> f64 {
    let (sin, cos) = angle.to_radians().sin_cos();
    let mut counts = vec![0u32; rows * 2];
    let offset = rows as f32;
    for &(x, y) in points {
        let row = ((y * cos - x * sin) / step + offset) as usize;
        if let Some(c) = counts.get_mut(row) {
            *c += 1;
        }
    }
    counts.iter().map(|&c| f64::from(c) * f64::from(c)).sum()
}

/// `image` turned by `degrees` (anticlockwise positive) about its centre,
/// sampled bilinearly (nearest-neighbour sampling leaves jagged strokes the
/// OCR engine misreads); what comes in from outside is paper.
pub fn rotate(image: &GreyImage, degrees: f32) -> GreyImage {
    let (sin, cos) = degrees.to_radians().sin_cos();
    let (cx, cy) = (image.width as f32 / 2.0, image.height as f32 / 2.0);
    let (w, h) = (image.width, image.height);
    let mut pixels = vec![255u8; w * h];
    for y in 0..h {
        let dy = y as f32 - cy;
        for x in 0..w {
            let dx = x as f32 - cx;
            // The source of (x, y): the inverse turn.
            let sx = cos * dx - sin * dy + cx;
            let sy = sin * dx + cos * dy + cy;
            if sx < 0.0 || sy < 0.0 || sx >= (w - 1) as f32 || sy >= (h - 1) as f32 {
                continue;
            }
            pixels[y * w + x] = image.bilinear(sx, sy);
        }
    }
    GreyImage {
        width: w,
        height: h,
        pixels,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// White page with black horizontal bars 4 px thick every 40 px.
    fn ruled(width: usize, height: usize) -> GreyImage {
        let mut pixels = vec![255u8; width * height];
        for y in 0..height {
            if y % 40 < 4 && y > 20 && y + 20 < height {
                for x in 50..width - 50 {
                    pixels[y * width + x] = 0;
                }
            }
        }
        GreyImage {
            width,
            height,
            pixels,
        }
    }

    #[test]
    fn a_turned_page_is_found_turned_by_the_same_angle() {
        let page = ruled(800, 600);
        assert_eq!(skew_angle(&page, 127), 0.0);
        let turned = rotate(&page, 1.2);
        let angle = skew_angle(&turned, 127);
        assert!((angle.abs() - 1.2).abs() <= 0.15, "{angle}");
        let (upright, by) = deskew(&turned, 127);
        assert!((by - angle).abs() < 1e-6);
        assert!(skew_angle(&upright, 127).abs() <= 0.15);
    }
}
