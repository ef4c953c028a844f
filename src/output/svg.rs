//! A picture of how a page was read, for a person debugging a table: the
//! page's glyph boxes (grey), the ruling graphics as drawn (red lines, thin
//! rectangles), the edges the table finder kept after snapping and joining
//! (green), the cells it found (blue) and each table's outline (purple, with
//! its number, its title, label and the title candidates it weighed), and
//! under the page the document-level notes: where a continuation was joined
//! or refused, and why. Page space in, SVG text out.

use crate::pdf::Page;
use crate::table::{TableSettings, cells, edges, page_tables};
use std::fmt::Write;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Filled rectangles in their own colour, white ones (backgrounds) left empty.
fn fill_colour(r: &crate::pdf::Rect) -> String {
    let [red, green, blue] = r.fill_rgb.map(|c| (c * 255.0).round() as u8);
    if !r.fill || (red > 230 && green > 230 && blue > 230) {
        "none".to_string()
    } else {
        format!("rgb({red},{green},{blue})")
    }
}

/// Height of one line of the notes printed under the page.
const NOTE_LINE: f32 = 12.0;

/// The SVG picture of one page, with `notes` printed under it.
pub fn page_svg(page: &Page, settings: &TableSettings, notes: &[String]) -> String {
    let mut svg = String::new();
    let (w, h) = (page.width, page.height);
    let total_h = h + NOTE_LINE * (notes.len() as f32 + 1.0);
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{total_h:.0}" viewBox="0 0 {w:.2} {total_h:.2}">"#
    );
    let _ = writeln!(
        svg,
        r#"<rect x="0" y="0" width="{w:.2}" height="{h:.2}" fill="white" stroke="black"/>"#
    );
    svg.push_str("<g id=\"glyphs\" fill=\"none\" stroke=\"#999\" stroke-width=\"0.3\">\n");
    for g in &page.glyphs {
        let b = g.bbox;
        let _ = writeln!(
            svg,
            r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}"><title>{}</title></rect>"#,
            b.x0,
            b.top,
            b.width(),
            b.height(),
            escape(&g.text)
        );
    }
    svg.push_str("</g>\n<g id=\"text\" fill=\"#333\">\n");
    for g in &page.glyphs {
        let _ = writeln!(
            svg,
            r#"<text x="{:.2}" y="{:.2}" font-size="{:.2}">{}</text>"#,
            g.origin.0,
            g.origin.1,
            g.size * 0.9,
            escape(&g.text)
        );
    }
    svg.push_str("</g>\n<g id=\"graphics\" stroke=\"red\" fill=\"none\">\n");
    for l in &page.lines {
        let _ = writeln!(
            svg,
            r#"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke-width="{:.2}"/>"#,
            l.x0,
            l.y0,
            l.x1,
            l.y1,
            l.width.max(0.3)
        );
    }
    for r in &page.rects {
        let b = r.bbox;
        let _ = writeln!(
            svg,
            r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" stroke-width="0.3" fill="{}" fill-opacity="0.25"/>"#,
            b.x0,
            b.top,
            b.width(),
            b.height(),
            fill_colour(r)
        );
    }
    svg.push_str("</g>\n<g id=\"edges\" stroke=\"green\" stroke-width=\"0.8\">\n");
    let page_edges = edges::page_edges(page, settings);
    for e in &page_edges {
        let (x1, y1, x2, y2) = match e.orientation {
            edges::Orientation::Horizontal => (e.start, e.pos, e.end, e.pos),
            edges::Orientation::Vertical => (e.pos, e.start, e.pos, e.end),
        };
        let _ = writeln!(
            svg,
            r#"<line x1="{x1:.2}" y1="{y1:.2}" x2="{x2:.2}" y2="{y2:.2}"/>"#
        );
    }
    svg.push_str("</g>\n<g id=\"cells\" fill=\"blue\" fill-opacity=\"0.08\" stroke=\"blue\" stroke-width=\"0.5\">\n");
    for cells in cells::find_tables(&page_edges, settings) {
        for b in cells {
            let _ = writeln!(
                svg,
                r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}"/>"#,
                b.x0 + 1.0,
                b.top + 1.0,
                (b.width() - 2.0).max(0.0),
                (b.height() - 2.0).max(0.0)
            );
        }
    }
    let found = page_tables(page, &[], settings);
    // Each table's column boundaries and row bands: where a table drawn
    // without rules (or under a ruled header) was cut; on a ruled table
    // they lie on its rules.
    svg.push_str("</g>\n<g id=\"bands\" fill=\"none\" stroke=\"darkcyan\" stroke-width=\"0.6\" stroke-dasharray=\"3 2\">\n");
    for t in &found.tables {
        let (xs, ys) = (&t.grid.xs, &t.grid.ys);
        let (Some(&top), Some(&bottom), Some(&left), Some(&right)) =
            (ys.first(), ys.last(), xs.first(), xs.last())
        else {
            continue;
        };
        for x in xs {
            let _ = writeln!(
                svg,
                r#"<line x1="{x:.2}" y1="{top:.2}" x2="{x:.2}" y2="{bottom:.2}"/>"#
            );
        }
        for y in ys {
            let _ = writeln!(
                svg,
                r#"<line x1="{left:.2}" y1="{y:.2}" x2="{right:.2}" y2="{y:.2}"/>"#
            );
        }
        for c in t.grid.cells.iter().filter(|c| c.row < t.header_rows) {
            let b = c.bbox;
            let _ = writeln!(
                svg,
                r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" stroke="teal" stroke-dasharray="none" stroke-width="0.4"/>"#,
                b.x0 + 1.5,
                b.top + 1.5,
                (b.width() - 3.0).max(0.0),
                (b.height() - 3.0).max(0.0)
            );
        }
    }
    svg.push_str("</g>\n<g id=\"tables\" fill=\"none\" stroke=\"purple\" stroke-width=\"2\">\n");
    for (i, t) in found.tables.iter().enumerate() {
        let b = t.grid.bbox;
        let header_bottom = t.grid.ys.get(t.header_rows).copied().unwrap_or(b.top);
        let _ = writeln!(
            svg,
            r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}"/><line x1="{:.2}" y1="{header_bottom:.2}" x2="{:.2}" y2="{header_bottom:.2}" stroke-dasharray="6 3"/><text x="{:.2}" y="{:.2}" fill="purple" stroke="none" font-size="10">table {} ({}×{}, {} header rows{}{}{})</text>"#,
            b.x0,
            b.top,
            b.width(),
            b.height(),
            b.x0,
            b.x1,
            b.x0,
            b.top - 3.0,
            i + 1,
            t.grid.rows(),
            t.grid.cols(),
            t.header_rows,
            if t.from_alignment {
                ", by alignment"
            } else {
                ""
            },
            t.context
                .title
                .as_deref()
                .map(|s| format!(", title: {}", escape(s)))
                .unwrap_or_default(),
            t.context
                .number
                .as_deref()
                .map(|s| format!(", label: {}", escape(s)))
                .unwrap_or_default()
        );
        if !t.context.title_candidates.is_empty() {
            let _ = writeln!(
                svg,
                r#"<text x="{:.2}" y="{:.2}" fill="darkorange" stroke="none" font-size="8">title candidates: {}</text>"#,
                b.x0,
                b.top - 14.0,
                escape(&t.context.title_candidates.join(" | "))
            );
        }
    }
    svg.push_str("</g>\n<g id=\"notes\" font-size=\"9\" fill=\"black\">\n");
    for (i, note) in notes.iter().enumerate() {
        let _ = writeln!(
            svg,
            r#"<text x="4" y="{:.2}">{}</text>"#,
            h + NOTE_LINE * (i as f32 + 1.0),
            escape(note)
        );
    }
    svg.push_str("</g>\n</svg>\n");
    svg
}
