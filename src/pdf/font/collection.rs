// TEMPORARY STUB written by the lead so the crate compiles; helper-1 replaces this file entirely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Collection {
    Gb1,
    Cns1,
}
impl Collection {
    pub fn from_ordering(o: &str) -> Option<Collection> {
        match o {
            "GB1" | "Adobe-GB1" => Some(Collection::Gb1),
            "CNS1" | "Adobe-CNS1" => Some(Collection::Cns1),
            _ => None,
        }
    }
}
pub fn cid_to_unicode(_c: Collection, _cid: u32) -> Option<char> {
    None
}
pub fn unicode_to_cid(_c: Collection, _ch: char) -> Option<u32> {
    None
}
