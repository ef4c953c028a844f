//! Damaged copies of PDFs for the mutation test (tests/mutation.rs) and the
//! fuzzing campaign (examples/fuzz.rs, scripts/fuzz.sh): truncations, bit
//! flips, deleted objects, corrupted streams, zeroed ranges, inserted
//! garbage, wrong /Length, absurd /Widths, page-tree loops, wrong /Count.
#![allow(dead_code)]

/// How many kinds of damage [`mutate`] makes.
pub const KINDS: usize = 11;

/// A small deterministic PRNG (xorshift64*), so failures reproduce.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

pub fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    hay.windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}

/// One damaged copy of `original`; the kind of damage cycles with `i`.
pub fn mutate(original: &[u8], i: usize, rng: &mut Rng) -> Vec<u8> {
    let mut data = original.to_vec();
    match i % KINDS {
        0 => data.truncate(rng.below(data.len())),
        1 => {
            for _ in 0..1 + rng.below(64) {
                let at = rng.below(data.len());
                data[at] ^= 1 << rng.below(8);
            }
        }
        2 => {
            // Delete one indirect object.
            let starts = find_all(&data, b" obj");
            if let Some(&start) = starts.get(rng.below(starts.len())) {
                let end = data[start..]
                    .windows(6)
                    .position(|w| w == b"endobj")
                    .map_or(data.len(), |p| start + p + 6);
                data.drain(start.saturating_sub(4)..end);
            }
        }
        3 => {
            // Overwrite bytes inside a stream.
            let starts = find_all(&data, b"stream");
            if let Some(&start) = starts.get(rng.below(starts.len())) {
                for _ in 0..1 + rng.below(200) {
                    let at = (start + 8 + rng.below(2000)).min(data.len() - 1);
                    data[at] = rng.next() as u8;
                }
            }
        }
        4 => {
            // Zero a range.
            let at = rng.below(data.len());
            let len = rng.below(4096).min(data.len() - at);
            data[at..at + len].fill(0);
        }
        6 => {
            // A wrong stream /Length (a producer's off-by-some, or a lie).
            let at = find_all(&data, b"/Length ");
            if let Some(&start) = at.get(rng.below(at.len())) {
                let digits = data[start + 8..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                let wrong = (rng.below(100_000)).to_string().into_bytes();
                data.splice(start + 8..start + 8 + digits, wrong);
            }
        }
        7 => {
            // Absurd font widths.
            let at = find_all(&data, b"/Widths");
            if let Some(&start) = at.get(rng.below(at.len())) {
                let insert: &[u8] = match rng.below(3) {
                    0 => b" [1e30 -1e30 ",
                    1 => b" [99999999999999999999 ",
                    _ => b" [",
                };
                if let Some(open) = data[start..].iter().position(|&b| b == b'[') {
                    data.splice(start + 7..start + open + 1, insert.iter().copied());
                }
            }
        }
        8 => {
            // A page tree that contains itself: a /Kids entry pointing at
            // the object that holds it.
            let kids = find_all(&data, b"/Kids");
            if let Some(&start) = kids.get(rng.below(kids.len())) {
                let head = &data[..start];
                let obj = find_all(head, b" 0 obj").last().copied();
                if let Some(obj) = obj {
                    let number_start = head[..obj]
                        .iter()
                        .rposition(|b| !b.is_ascii_digit())
                        .map_or(0, |p| p + 1);
                    let mut insert = b" ".to_vec();
                    insert.extend_from_slice(&head[number_start..obj]);
                    insert.extend_from_slice(b" 0 R ");
                    if let Some(open) = data[start..].iter().position(|&b| b == b'[') {
                        let at = start + open + 1;
                        data.splice(at..at, insert);
                    }
                }
            }
        }
        9 => {
            // A wrong /Count.
            let at = find_all(&data, b"/Count ");
            if let Some(&start) = at.get(rng.below(at.len())) {
                data.splice(start + 7..start + 7, b"9".iter().copied());
            }
        }
        _ => {
            // Insert garbage, including PDF-looking tokens.
            let at = rng.below(data.len());
            let junk: &[u8] = match rng.below(4) {
                0 => b"<< /Type /Page /Contents 9999 0 R >>",
                1 => b"[[[[[[[[[[[[[[[[(((((((",
                2 => b"1 0 obj 1 0 R endobj",
                _ => b"\xff\xfe\x00\x00stream\r\nendstream",
            };
            data.splice(at..at, junk.iter().copied());
        }
    }
    data
}
