//! A CIDFont's `/W` widths by CID, kept as runs of one width: CJK fonts give
//! tens of thousands of CIDs a handful of widths (`1 20000 1000`), and a long
//! book holds hundreds of such fonts, so a map with an entry per CID would
//! hold megabytes the runs hold in kilobytes.
//!
//! In: `/W`'s writes in the order the array gives them. Out: the width of a
//! CID, the last write over it winning, as a map filled write by write would
//! answer.

use std::collections::BTreeMap;

/// CID → width (1/1000 em), as sorted, disjoint runs.
#[derive(Debug, Default)]
pub struct CidWidths {
    runs: Vec<Run>,
}

/// CIDs `first..=last`, all `width` wide.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Run {
    first: u32,
    last: u32,
    width: f32,
}

impl CidWidths {
    /// From writes `(first, last, width)` in order (`first <= last`).
    pub fn from_writes(writes: &[(u32, u32, f32)]) -> CidWidths {
        let mut runs = Vec::new();
        // Producers write `/W` in CID order without overlaps: the writes are
        // the runs. Otherwise later writes override earlier ones CID by CID.
        if writes.windows(2).all(|w| w[0].1 < w[1].0) {
            for &(first, last, width) in writes {
                push_run(&mut runs, first, last, width);
            }
        } else {
            let mut by_cid = BTreeMap::new();
            for &(first, last, width) in writes {
                for cid in first..=last {
                    by_cid.insert(cid, width);
                }
            }
            for (cid, width) in by_cid {
                push_run(&mut runs, cid, cid, width);
            }
        }
        runs.shrink_to_fit();
        CidWidths { runs }
    }

    pub fn get(&self, cid: u32) -> Option<f32> {
        let i = self.runs.partition_point(|r| r.last < cid);
        self.runs.get(i).filter(|r| r.first <= cid).map(|r| r.width)
    }

    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }
}

/// Appends a run, joining it to the one before when it continues it with
/// the same width (bit for bit).
fn push_run(runs: &mut Vec<Run>, first: u32, last: u32, width: f32) {
    if let Some(prev) = runs.last_mut()
        && prev.last.checked_add(1) == Some(first)
        && prev.width.to_bits() == width.to_bits()
    {
        prev.last = last;
        return;
    }
    runs.push(Run { first, last, width });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// What a map filled write by write answers.
    fn filled(writes: &[(u32, u32, f32)]) -> HashMap<u32, f32> {
        let mut map = HashMap::new();
        for &(first, last, width) in writes {
            for cid in first..=last {
                map.insert(cid, width);
            }
        }
        map
    }

    fn agrees(writes: &[(u32, u32, f32)], up_to: u32) {
        let widths = CidWidths::from_writes(writes);
        let map = filled(writes);
        for cid in 0..=up_to {
            assert_eq!(
                widths.get(cid),
                map.get(&cid).copied(),
                "cid {cid} of {writes:?}"
            );
        }
    }

    #[test]
    fn runs_answer_as_a_map_filled_write_by_write() {
        // In order: a range, single CIDs, a gap, another range.
        agrees(
            &[
                (1, 95, 500.0),
                (96, 96, 500.0),
                (97, 97, 600.0),
                (200, 300, 1000.0),
            ],
            320,
        );
        // Overlaps: later writes win, wherever they fall.
        agrees(
            &[
                (0, 100, 1000.0),
                (10, 10, 500.0),
                (5, 20, 250.0),
                (3, 3, 1000.0),
            ],
            120,
        );
        // A repeated CID (an array clipped at the top of the range).
        agrees(&[(u32::MAX, u32::MAX, 1.0), (u32::MAX, u32::MAX, 2.0)], 3);
        assert_eq!(
            CidWidths::from_writes(&[(u32::MAX, u32::MAX, 1.0), (u32::MAX, u32::MAX, 2.0)])
                .get(u32::MAX),
            Some(2.0)
        );
        agrees(&[], 5);
    }

    #[test]
    fn equal_neighbours_share_a_run() {
        let writes: Vec<(u32, u32, f32)> = (1..=20000).map(|c| (c, c, 1000.0)).collect();
        let widths = CidWidths::from_writes(&writes);
        assert_eq!(widths.runs.len(), 1);
        assert_eq!(widths.get(0), None);
        assert_eq!(widths.get(20000), Some(1000.0));
    }
}
