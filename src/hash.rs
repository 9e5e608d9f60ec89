//! A fast hasher for the lookup tables of the link stage, which hash every
//! link target and every name of the site: the multiply-and-rotate hash of
//! rustc (FxHash). The standard hasher resists collision attacks that a
//! site's own content cannot mount, at several times the cost.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FxHasher`].
pub type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// A `HashSet` with [`FxHasher`].
pub type FxHashSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// FxHash: eight bytes at a time, one multiplication each.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, BuildHasherDefault};

    fn hash(s: &str) -> u64 {
        BuildHasherDefault::<FxHasher>::default().hash_one(s)
    }

    /// Values worked out by hand from the definition (FxHash as in rustc:
    /// `h = (h.rotate_left(5) ^ word) * 0x517cc1b727220a95`, little-endian
    /// words of eight bytes, the last one padded with zeros; a `str` ends
    /// with one more word, `0xff`), not by running this code.
    #[test]
    fn hashes_are_fxhash_of_the_bytes() {
        let mut one = FxHasher::default();
        one.write_u64(1);
        assert_eq!(one.finish(), SEED);
        assert_eq!(hash(""), 0x2b44_f56f_fae8_8a6b);
        assert_eq!(hash("abc"), 0xfc79_9d93_d812_df66);
        assert_eq!(hash("abcdefgh"), 0xdc23_285d_a99c_6aff);
        assert_eq!(hash("kundenbindung"), 0x6785_7512_461a_07c9);
        assert_eq!(hash("Kundenbindung"), 0x0f03_d9db_13f4_db01);
    }

    #[test]
    fn near_keys_differ() {
        let keys: Vec<String> = (0..10_000).map(|i| format!("begriff-{i}")).collect();
        let hashes: FxHashSet<u64> = keys.iter().map(|k| hash(k)).collect();
        assert_eq!(hashes.len(), keys.len(), "no two of the keys collide");
        assert_ne!(hash("kundenbindung"), hash("kundenbindunh"));
        assert_ne!(hash("abc"), hash("abcd"));
    }

    #[test]
    fn maps_work_as_usual() {
        let mut map: FxHashMap<String, usize> = FxHashMap::default();
        map.insert("a".into(), 1);
        map.insert("b".into(), 2);
        assert_eq!(map.get("b"), Some(&2));
        assert_eq!(map.get("c"), None);
    }
}
