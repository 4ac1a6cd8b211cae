//! Our DEFLATE against miniz_oxide, the reference: each inflates what the
//! other deflates, for text like the links carry and for arbitrary bytes.

use csp_radar::model::deflate::{deflate, inflate, InflateError};
use proptest::prelude::*;

const LIMIT: usize = 1 << 20;

fn tencent() -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/www/profiles/tencent-cloud.json")).unwrap()
}

#[test]
fn miniz_reads_ours_and_we_read_miniz_at_every_level() {
    let text = tencent();
    let ours = deflate(&text);
    assert_eq!(miniz_oxide::inflate::decompress_to_vec(&ours).unwrap(), text);
    for level in 0..=10 {
        let theirs = miniz_oxide::deflate::compress_to_vec(&text, level);
        assert_eq!(inflate(&theirs, LIMIT).unwrap(), text, "miniz level {level}");
    }
}

#[test]
fn packs_a_profile_about_as_small_as_miniz_level_9() {
    let text = tencent();
    let (ours, theirs) = (deflate(&text).len(), miniz_oxide::deflate::compress_to_vec(&text, 9).len());
    // Measured: ours is within a few percent; the link length depends on it.
    assert!(ours * 100 <= theirs * 104, "ours {ours} bytes, miniz {theirs}");
}

#[test]
fn a_bomb_stops_at_the_limit() {
    let bomb = miniz_oxide::deflate::compress_to_vec(&vec![0u8; (1 << 20) + 1], 10);
    assert_eq!(inflate(&bomb, LIMIT), Err(InflateError::TooLarge));
}

proptest! {
    #[test]
    fn bytes_round_trip_both_ways(data in proptest::collection::vec(any::<u8>(), 0..3000)) {
        prop_assert_eq!(inflate(&deflate(&data), LIMIT).unwrap(), data.clone());
        prop_assert_eq!(miniz_oxide::inflate::decompress_to_vec(&deflate(&data)).unwrap(), data.clone());
        prop_assert_eq!(inflate(&miniz_oxide::deflate::compress_to_vec(&data, 6), LIMIT).unwrap(), data);
    }

    #[test]
    fn repetitive_text_round_trips(words in proptest::collection::vec(prop::sample::select(vec!["the ", "lab", "data", " cloud", "q", "\n", "\u{e9}"]), 0..4000)) {
        let data = words.concat().into_bytes();
        prop_assert_eq!(miniz_oxide::inflate::decompress_to_vec(&deflate(&data)).unwrap(), data.clone());
        prop_assert_eq!(inflate(&deflate(&data), LIMIT).unwrap(), data);
    }

    #[test]
    fn garbage_never_panics(data in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = inflate(&data, 4096);
    }
}
