//! Grey pixels to ink and paper: Otsu's threshold over the histogram (the
//! one Tesseract and Camelot's lattice use), grey image in, threshold out.

use crate::pdf::image::GreyImage;

/// The grey level at or below which a pixel is ink.
pub fn otsu_threshold(image: &GreyImage) -> u8 {
    let mut histogram = [0u64; 256];
    for &p in &image.pixels {
        histogram[usize::from(p)] += 1;
    }
    let total: u64 = histogram.iter().sum();
    if total == 0 {
        return 127;
    }
    let sum_all: f64 = histogram
        .iter()
        .enumerate()
        .map(|(v, &n)| v as f64 * n as f64)
        .sum();
    let (mut below, mut sum_below) = (0u64, 0f64);
    let (mut best, mut best_variance) = (127u8, -1f64);
    for (level, &count) in histogram.iter().enumerate() {
        below += count;
        sum_below += level as f64 * count as f64;
        let above = total - below;
        if below == 0 || above == 0 {
            continue;
        }
        let mean_below = sum_below / below as f64;
        let mean_above = (sum_all - sum_below) / above as f64;
        let variance = below as f64 * above as f64 * (mean_below - mean_above).powi(2);
        if variance > best_variance {
            best_variance = variance;
            best = level as u8;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_threshold_falls_between_ink_and_paper() {
        let mut pixels = vec![235u8; 900];
        pixels.extend(vec![30u8; 100]);
        let image = GreyImage {
            width: 100,
            height: 10,
            pixels,
        };
        let t = otsu_threshold(&image);
        assert!((30..235).contains(&t), "{t}");
    }
}
