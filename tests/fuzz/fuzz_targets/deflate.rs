//! Our DEFLATE: any bytes through `inflate` never panic and never exceed
//! the limit, and any bytes through `deflate` come back unchanged.
#![no_main]

use csp_radar::model::deflate::{deflate, inflate};
use libfuzzer_sys::fuzz_target;

const LIMIT: usize = 1 << 16;

fuzz_target!(|data: &[u8]| {
    if let Ok(out) = inflate(data, LIMIT) {
        assert!(out.len() <= LIMIT);
    }
    assert_eq!(inflate(&deflate(data), usize::MAX).as_deref(), Ok(data));
});
