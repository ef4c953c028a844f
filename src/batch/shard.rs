//! `--shard K/N`: a stable 1/N of the inputs, chosen by a hash of each input's
//! output key, so N workers of any batch system split a harvest with no
//! coordination and no overlap (K counts from 0, as Kubernetes indexed Jobs
//! and most Slurm arrays do).

/// FNV-1a, 64 bits: stable across machines, versions and runs.
pub fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A shard: this worker's index and the number of workers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    /// Parses "K/N" with 0 <= K < N.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let (k, n) = text
            .split_once('/')
            .ok_or_else(|| format!("--shard takes K/N (e.g. 0/4), not {text}"))?;
        let index: u64 = k
            .trim()
            .parse()
            .map_err(|_| format!("--shard {text}: K is not a number"))?;
        let count: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("--shard {text}: N is not a number"))?;
        if count == 0 || index >= count {
            return Err(format!(
                "--shard {text}: K must be at least 0 and less than N"
            ));
        }
        Ok(Shard { index, count })
    }

    pub fn takes(&self, key: &str) -> bool {
        stable_hash(key) % self.count == self.index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_inputs() {
        let keys: Vec<String> = (0..1000).map(|i| format!("dir/file{i}")).collect();
        let shards: Vec<Shard> = (0..4)
            .map(|k| Shard::parse(&format!("{k}/4")).unwrap())
            .collect();
        let mut total = 0;
        for key in &keys {
            let owners = shards.iter().filter(|s| s.takes(key)).count();
            assert_eq!(owners, 1);
            total += owners;
        }
        assert_eq!(total, 1000);
        for s in &shards {
            let n = keys.iter().filter(|k| s.takes(k)).count();
            assert!((200..300).contains(&n), "unbalanced shard: {n}");
        }
        assert!(Shard::parse("4/4").is_err());
        assert!(Shard::parse("x").is_err());
    }

    #[test]
    fn hash_is_stable() {
        assert_eq!(stable_hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stable_hash("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
