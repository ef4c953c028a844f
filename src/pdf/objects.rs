//! Small, forgiving accessors over lopdf objects: follow references, read
//! numbers, names, arrays and dictionaries, decompress streams within a bound.
//! Every accessor returns `Option`: a missing or ill-typed entry is "absent",
//! never an error, because real files are full of both.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// How many references to follow before giving up (reference cycles).
const MAX_DEREF: usize = 16;

/// Follows references until a direct object is reached.
pub fn resolve<'a>(doc: &'a Document, mut obj: &'a Object) -> Option<&'a Object> {
    for _ in 0..MAX_DEREF {
        match obj {
            Object::Reference(id) => obj = doc.get_object(*id).ok()?,
            other => return Some(other),
        }
    }
    None
}

/// The entry `key` of `dict`, references followed.
pub fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    resolve(doc, dict.get(key).ok()?)
}

pub fn number(obj: &Object) -> Option<f32> {
    let v = match obj {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => return None,
    };
    v.is_finite().then_some(v)
}

pub fn get_number(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<f32> {
    number(get(doc, dict, key)?)
}

pub fn get_name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    match get(doc, dict, key)? {
        Object::Name(n) => Some(n.as_slice()),
        _ => None,
    }
}

pub fn get_array<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [Object]> {
    match get(doc, dict, key)? {
        Object::Array(a) => Some(a.as_slice()),
        _ => None,
    }
}

/// A dictionary entry that is a dictionary, or the dictionary of a stream.
pub fn get_dict<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    as_dict(get(doc, dict, key)?)
}

pub fn as_dict(obj: &Object) -> Option<&Dictionary> {
    match obj {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub fn get_stream<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Stream> {
    match get(doc, dict, key)? {
        Object::Stream(s) => Some(s),
        _ => None,
    }
}

/// The id an entry refers to, when it is a reference (used to cache fonts and
/// to detect Form XObject cycles).
pub fn reference_id(dict: &Dictionary, key: &[u8]) -> Option<ObjectId> {
    match dict.get(key).ok()? {
        Object::Reference(id) => Some(*id),
        _ => None,
    }
}

/// Numbers of an array, skipping what is not a number.
pub fn numbers(doc: &Document, items: &[Object]) -> Vec<f32> {
    items
        .iter()
        .filter_map(|o| resolve(doc, o).and_then(number))
        .collect()
}
