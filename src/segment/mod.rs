//! The document's outline: page lines in, [`Outline`] out — title, entity,
//! fiscal year, kind and scope ([`identity`]); the table of contents pages
//! ([`toc`]), known as such so they are never read as tables; running
//! headers, footers and page numbers ([`furniture`]) kept out of the text; and
//! sections with their heading paths ([`headings`]).

pub mod furniture;
pub mod headings;
pub mod identity;
pub mod toc;

pub use headings::Section;
pub use identity::{DocKind, Identity, Scope};

use crate::layout::TextLine;

/// Everything [`outline`] finds.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    pub identity: Identity,
    pub toc_pages: Vec<u32>,
    pub sections: Vec<Section>,
}

/// Builds the outline from each page's text lines outside tables (`lines[i]`
/// belongs to page i + 1) and the contents already found.
pub fn outline(lines: &[Vec<TextLine>], page_heights: &[f32], contents: &toc::Contents) -> Outline {
    let furniture = furniture::find(lines, page_heights);
    let body: Vec<Vec<&TextLine>> = lines
        .iter()
        .enumerate()
        .map(|(i, page)| {
            page.iter()
                .enumerate()
                .filter(|(j, _)| !furniture.contains(&(i, *j)))
                .map(|(_, l)| l)
                .collect()
        })
        .collect();
    // The identity is read with the contents in place (the cover and 目录 page
    // often carry the title); sections leave the contents out.
    let identity = identity::identify(&body);
    let sections_body: Vec<Vec<&TextLine>> = body
        .iter()
        .enumerate()
        .map(|(i, page)| {
            page.iter()
                .filter(|l| !contents.lines.contains(&(i, l.text.clone())))
                .copied()
                .collect()
        })
        .collect();
    Outline {
        identity,
        toc_pages: contents.pages.clone(),
        sections: headings::sections(&sections_body),
    }
}
