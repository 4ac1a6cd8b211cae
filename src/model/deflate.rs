//! Raw DEFLATE (RFC 1951), as much as share links need: `deflate` packs a
//! custom profile or the notes into one Huffman block, `inflate` reads any
//! valid stream (links made by earlier versions came from miniz_oxide).
//!
//! Why not a crate: miniz_oxide is a general-purpose codec with streaming
//! state machines and 10 compression levels, and cost 27 KB of the wasm
//! (13 KB gzipped, 7% of the app) for two calls. This file is the two calls.
//! It is tested against miniz_oxide in both directions (tests/deflate.rs).

/// Why a stream could not be inflated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InflateError {
    /// It would unpack to more than the limit (a "zip bomb").
    TooLarge,
    /// Not valid DEFLATE: truncated, a bad code, a distance before the start.
    Corrupt,
}

// Lengths 3..=258 are symbols 257..=285 with extra bits; distances
// 1..=32768 are 30 symbols with extra bits (RFC 1951, 3.2.5).
const LENGTH_BASE: [u16; 29] =
    [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA: [u8; 29] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
    8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] =
    [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/// The order code-length code lengths are sent in.
const CLEN_ORDER: [usize; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
const END_OF_BLOCK: usize = 256;
const WINDOW: usize = 32 * 1024;
const MAX_MATCH: usize = 258;

/// The fixed Huffman code's lengths: literal/length, then distance.
fn fixed_lengths() -> ([u8; 288], [u8; 30]) {
    let mut lit = [8u8; 288];
    lit[144..256].fill(9);
    lit[256..280].fill(7);
    (lit, [5u8; 30])
}

// ---------------------------------------------------------------- inflate

/// Reads bits least-significant first, as DEFLATE packs them.
struct BitReader<'a> {
    data: &'a [u8],
    pos: usize,
    buf: u32,
    count: u32,
}

impl BitReader<'_> {
    /// `n` ≤ 16 bits.
    fn bits(&mut self, n: u32) -> Result<u32, InflateError> {
        while self.count < n {
            let byte = *self.data.get(self.pos).ok_or(InflateError::Corrupt)?;
            self.pos += 1;
            self.buf |= u32::from(byte) << self.count;
            self.count += 8;
        }
        let value = self.buf & ((1u32 << n) - 1);
        self.buf >>= n;
        self.count -= n;
        Ok(value)
    }

    /// Drops the rest of the current byte (stored blocks start on one).
    fn align(&mut self) {
        let spare = self.count % 8;
        self.buf >>= spare;
        self.count -= spare;
    }
}

/// A canonical Huffman code for decoding: how many codes of each length,
/// and the symbols in code order.
struct Decoder {
    counts: [u16; 16],
    symbols: Vec<u16>,
}

impl Decoder {
    fn new(lengths: &[u8]) -> Result<Decoder, InflateError> {
        let mut counts = [0u16; 16];
        for &l in lengths {
            *counts.get_mut(usize::from(l)).ok_or(InflateError::Corrupt)? += 1;
        }
        counts[0] = 0;
        // More codes of a length than the tree has room for: not a code.
        let mut room: i32 = 1;
        for &c in &counts[1..] {
            room = room * 2 - i32::from(c);
            if room < 0 {
                return Err(InflateError::Corrupt);
            }
        }
        let mut offsets = [0u16; 16];
        for len in 1..15 {
            offsets[len + 1] = offsets[len] + counts[len];
        }
        let mut symbols = vec![0u16; lengths.len()];
        for (symbol, &l) in lengths.iter().enumerate() {
            if l != 0 {
                let slot = &mut offsets[usize::from(l)];
                if let Some(s) = symbols.get_mut(usize::from(*slot)) {
                    *s = symbol as u16;
                }
                *slot += 1;
            }
        }
        Ok(Decoder { counts, symbols })
    }

    /// Reads one symbol, a bit at a time (the codes here are short-lived,
    /// so building lookup tables would cost more than it saves).
    fn decode(&self, bits: &mut BitReader) -> Result<usize, InflateError> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for &count in &self.counts[1..] {
            code |= bits.bits(1)? as i32;
            let count = i32::from(count);
            if code - first < count {
                let at = usize::try_from(index + code - first).map_err(|_| InflateError::Corrupt)?;
                return self.symbols.get(at).map(|&s| usize::from(s)).ok_or(InflateError::Corrupt);
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err(InflateError::Corrupt)
    }
}

/// Inflates a raw DEFLATE stream, refusing to produce more than `limit` bytes.
pub fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let mut bits = BitReader { data, pos: 0, buf: 0, count: 0 };
    let mut out = Vec::new();
    loop {
        let last = bits.bits(1)? == 1;
        match bits.bits(2)? {
            0 => {
                bits.align();
                let len = bits.bits(16)?;
                if bits.bits(16)? != !len & 0xffff {
                    return Err(InflateError::Corrupt);
                }
                if out.len() + len as usize > limit {
                    return Err(InflateError::TooLarge);
                }
                for _ in 0..len {
                    out.push(bits.bits(8)? as u8);
                }
            }
            1 => {
                let (lit, dist) = fixed_lengths();
                inflate_block(&mut bits, &mut out, &Decoder::new(&lit)?, &Decoder::new(&dist)?, limit)?;
            }
            2 => {
                let (lit, dist) = read_dynamic_header(&mut bits)?;
                inflate_block(&mut bits, &mut out, &lit, &dist, limit)?;
            }
            _ => return Err(InflateError::Corrupt),
        }
        if last {
            return Ok(out);
        }
    }
}

fn read_dynamic_header(bits: &mut BitReader) -> Result<(Decoder, Decoder), InflateError> {
    let hlit = bits.bits(5)? as usize + 257;
    let hdist = bits.bits(5)? as usize + 1;
    let hclen = bits.bits(4)? as usize + 4;
    let mut clen = [0u8; 19];
    for &symbol in &CLEN_ORDER[..hclen] {
        clen[symbol] = bits.bits(3)? as u8;
    }
    let clen = Decoder::new(&clen)?;
    let mut lengths = Vec::with_capacity(hlit + hdist);
    while lengths.len() < hlit + hdist {
        let (value, repeat) = match clen.decode(bits)? {
            symbol @ 0..=15 => (symbol as u8, 1),
            16 => (*lengths.last().ok_or(InflateError::Corrupt)?, 3 + bits.bits(2)?),
            17 => (0, 3 + bits.bits(3)?),
            _ => (0, 11 + bits.bits(7)?),
        };
        for _ in 0..repeat {
            lengths.push(value);
        }
    }
    if lengths.len() != hlit + hdist || lengths.get(END_OF_BLOCK) == Some(&0) {
        return Err(InflateError::Corrupt);
    }
    let (lit, dist) = lengths.split_at(hlit);
    Ok((Decoder::new(lit)?, Decoder::new(dist)?))
}

fn inflate_block(
    bits: &mut BitReader,
    out: &mut Vec<u8>,
    lit: &Decoder,
    dist: &Decoder,
    limit: usize,
) -> Result<(), InflateError> {
    loop {
        let symbol = lit.decode(bits)?;
        if symbol < END_OF_BLOCK {
            if out.len() >= limit {
                return Err(InflateError::TooLarge);
            }
            out.push(symbol as u8);
            continue;
        }
        if symbol == END_OF_BLOCK {
            return Ok(());
        }
        let i = symbol - 257;
        let (&base, &extra) = LENGTH_BASE.get(i).zip(LENGTH_EXTRA.get(i)).ok_or(InflateError::Corrupt)?;
        let len = usize::from(base) + bits.bits(u32::from(extra))? as usize;
        let d = dist.decode(bits)?;
        let (&base, &extra) = DIST_BASE.get(d).zip(DIST_EXTRA.get(d)).ok_or(InflateError::Corrupt)?;
        let distance = usize::from(base) + bits.bits(u32::from(extra))? as usize;
        if distance > out.len() {
            return Err(InflateError::Corrupt);
        }
        if out.len() + len > limit {
            return Err(InflateError::TooLarge);
        }
        // Byte by byte: a copy may overlap what it is writing.
        let start = out.len() - distance;
        for from in start..start + len {
            let byte = out.get(from).copied().ok_or(InflateError::Corrupt)?;
            out.push(byte);
        }
    }
}

// ---------------------------------------------------------------- deflate

/// A literal byte, or a (length, distance) back-reference.
#[derive(Clone, Copy)]
enum Token {
    Literal(u8),
    Match { len: u16, distance: u16 },
}

/// Deflates `data` into one final block: LZ77 with hash chains and lazy
/// matching, then whichever of the fixed and a fitted Huffman code is shorter.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let tokens = lz77(data);
    let fitted = write_block(&tokens, false);
    let fixed = write_block(&tokens, true);
    if fixed.len() <= fitted.len() {
        fixed
    } else {
        fitted
    }
}

/// How many earlier positions with the same 3-byte hash are tried, and the
/// match length that is good enough to stop looking (zlib's level 6-9
/// settings): without them repetitive input costs chain × 258 compares a byte.
const MAX_CHAIN: usize = 128;
const NICE_MATCH: usize = 128;
/// Only a match shorter than this is worth looking one byte further for.
const LAZY_BELOW: usize = 32;
const NONE: u32 = u32::MAX;

struct Matcher<'a> {
    data: &'a [u8],
    /// The hash table has about as many slots as the input has bytes (a
    /// note of 40 bytes needs no 32 K table), at most 2^15.
    hash_bits: u32,
    head: Vec<u32>,
    prev: Vec<u32>,
}

impl Matcher<'_> {
    fn new(data: &[u8]) -> Matcher<'_> {
        let hash_bits = data.len().max(256).next_power_of_two().trailing_zeros().min(15);
        Matcher { data, hash_bits, head: vec![NONE; 1 << hash_bits], prev: vec![NONE; data.len()] }
    }

    fn hash(&self, i: usize) -> usize {
        let h = (u32::from(self.data[i]) << 10) ^ (u32::from(self.data[i + 1]) << 5) ^ u32::from(self.data[i + 2]);
        (h.wrapping_mul(0x9E37_79B1) >> (32 - self.hash_bits)) as usize
    }

    fn insert(&mut self, i: usize) {
        if i + 3 <= self.data.len() {
            let h = self.hash(i);
            self.prev[i] = self.head[h];
            self.head[h] = i as u32;
        }
    }

    /// The longest earlier match for position `i`: (length, distance).
    fn longest(&self, i: usize) -> (usize, usize) {
        if i + 3 > self.data.len() {
            return (0, 0);
        }
        let max = (self.data.len() - i).min(MAX_MATCH);
        let mut best = (0, 0);
        let mut candidate = self.head[self.hash(i)];
        for _ in 0..MAX_CHAIN {
            if candidate == NONE || i - candidate as usize > WINDOW {
                break;
            }
            let c = candidate as usize;
            let len = self.data[c..].iter().zip(&self.data[i..i + max]).take_while(|(a, b)| a == b).count();
            if len > best.0 {
                best = (len, i - c);
                if len >= NICE_MATCH || len == max {
                    break;
                }
            }
            candidate = self.prev[c];
        }
        best
    }
}

fn lz77(data: &[u8]) -> Vec<Token> {
    let mut m = Matcher::new(data);
    let mut tokens = Vec::with_capacity(data.len() / 2);
    let mut i = 0;
    while i < data.len() {
        let (len, distance) = m.longest(i);
        if len < 3 {
            m.insert(i);
            tokens.push(Token::Literal(data[i]));
            i += 1;
            continue;
        }
        m.insert(i);
        // Lazy matching: a longer match one byte on wins over this one.
        if len < LAZY_BELOW && m.longest(i + 1).0 > len {
            tokens.push(Token::Literal(data[i]));
            i += 1;
            continue;
        }
        for j in i + 1..i + len {
            m.insert(j);
        }
        tokens.push(Token::Match { len: len as u16, distance: distance as u16 });
        i += len;
    }
    tokens
}

/// Index into a base table: the last base not above `value`.
fn code_for(bases: &[u16], value: u16) -> usize {
    bases.iter().rposition(|&b| b <= value).unwrap_or(0)
}

/// Writes bits least-significant first.
struct BitWriter {
    out: Vec<u8>,
    buf: u64,
    count: u32,
}

impl BitWriter {
    fn put(&mut self, value: u32, n: u32) {
        self.buf |= u64::from(value) << self.count;
        self.count += n;
        while self.count >= 8 {
            self.out.push(self.buf as u8);
            self.buf >>= 8;
            self.count -= 8;
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.count > 0 {
            self.out.push(self.buf as u8);
        }
        self.out
    }
}

fn write_block(tokens: &[Token], fixed: bool) -> Vec<u8> {
    let mut w = BitWriter { out: Vec::new(), buf: 0, count: 0 };
    w.put(1, 1); // the final block
    let (lit_len, dist_len) = if fixed {
        w.put(1, 2);
        let (lit, dist) = fixed_lengths();
        (lit.to_vec(), dist.to_vec())
    } else {
        w.put(2, 2);
        let mut lit_freq = [0u32; 286];
        let mut dist_freq = [0u32; 30];
        for t in tokens {
            match *t {
                Token::Literal(b) => lit_freq[usize::from(b)] += 1,
                Token::Match { len, distance } => {
                    lit_freq[257 + code_for(&LENGTH_BASE, len)] += 1;
                    dist_freq[code_for(&DIST_BASE, distance)] += 1;
                }
            }
        }
        lit_freq[END_OF_BLOCK] = 1;
        let (lit, dist) = (code_lengths(&lit_freq, 15), code_lengths(&dist_freq, 15));
        write_code_lengths(&mut w, &lit, &dist);
        (lit, dist)
    };
    let (lit_code, dist_code) = (canonical_codes(&lit_len), canonical_codes(&dist_len));
    let symbol = |w: &mut BitWriter, codes: &[u16], lengths: &[u8], s: usize| {
        w.put(u32::from(codes[s]), u32::from(lengths[s]));
    };
    for t in tokens {
        match *t {
            Token::Literal(b) => symbol(&mut w, &lit_code, &lit_len, usize::from(b)),
            Token::Match { len, distance } => {
                let i = code_for(&LENGTH_BASE, len);
                symbol(&mut w, &lit_code, &lit_len, 257 + i);
                w.put(u32::from(len - LENGTH_BASE[i]), u32::from(LENGTH_EXTRA[i]));
                let d = code_for(&DIST_BASE, distance);
                symbol(&mut w, &dist_code, &dist_len, d);
                w.put(u32::from(distance - DIST_BASE[d]), u32::from(DIST_EXTRA[d]));
            }
        }
    }
    symbol(&mut w, &lit_code, &lit_len, END_OF_BLOCK);
    w.finish()
}

/// The dynamic block header: the two codes' lengths, run-length coded and
/// themselves Huffman coded.
fn write_code_lengths(w: &mut BitWriter, lit: &[u8], dist: &[u8]) {
    let used = |l: &[u8], min: usize| l.iter().rposition(|&x| x != 0).map_or(min, |p| (p + 1).max(min));
    let (hlit, hdist) = (used(lit, 257), used(dist, 1));
    let all: Vec<u8> = lit[..hlit].iter().chain(&dist[..hdist]).copied().collect();
    // (symbol, extra bits value) pairs: 16 repeats the previous length 3-6
    // times, 17 and 18 give 3-10 and 11-138 zeros.
    let mut runs: Vec<(usize, u32)> = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let v = all[i];
        let mut run = all[i..].iter().take_while(|&&x| x == v).count();
        i += run;
        if v == 0 {
            while run >= 11 {
                let r = run.min(138);
                runs.push((18, (r - 11) as u32));
                run -= r;
            }
            if run >= 3 {
                runs.push((17, (run - 3) as u32));
                run = 0;
            }
        } else {
            runs.push((usize::from(v), 0));
            run -= 1;
            while run >= 3 {
                let r = run.min(6);
                runs.push((16, (r - 3) as u32));
                run -= r;
            }
        }
        runs.extend(std::iter::repeat_n((usize::from(v), 0), run));
    }
    let mut freq = [0u32; 19];
    for &(s, _) in &runs {
        freq[s] += 1;
    }
    let clen = code_lengths(&freq, 7);
    let hclen = CLEN_ORDER.iter().rposition(|&s| clen[s] != 0).map_or(4, |p| (p + 1).max(4));
    w.put((hlit - 257) as u32, 5);
    w.put((hdist - 1) as u32, 5);
    w.put((hclen - 4) as u32, 4);
    for &s in &CLEN_ORDER[..hclen] {
        w.put(u32::from(clen[s]), 3);
    }
    let codes = canonical_codes(&clen);
    for (s, extra) in runs {
        w.put(u32::from(codes[s]), u32::from(clen[s]));
        match s {
            16 => w.put(extra, 2),
            17 => w.put(extra, 3),
            18 => w.put(extra, 7),
            _ => {}
        }
    }
}

/// Huffman code lengths for these symbol counts, none longer than `limit`.
/// Too long a code is rare (it needs very skewed counts); flattening the
/// counts and building again is simpler than package-merge and nearly as good.
fn code_lengths(freq: &[u32], limit: u8) -> Vec<u8> {
    let mut f = freq.to_vec();
    loop {
        let lengths = huffman_lengths(&f);
        if lengths.iter().all(|&l| l <= limit) {
            return lengths;
        }
        for x in f.iter_mut().filter(|x| **x > 0) {
            *x = (*x >> 1) | 1;
        }
    }
}

/// Unlimited Huffman code lengths, by the two-queue method. Always at least
/// two symbols get a code, as some decoders want.
fn huffman_lengths(freq: &[u32]) -> Vec<u8> {
    let mut leaves: Vec<(u32, usize)> = freq.iter().enumerate().filter(|(_, &f)| f > 0).map(|(s, &f)| (f, s)).collect();
    for s in 0..freq.len() {
        if leaves.len() >= 2 {
            break;
        }
        if !leaves.iter().any(|&(_, t)| t == s) {
            leaves.push((1, s));
        }
    }
    super::sort_short(&mut leaves, |a, b| a < b);
    let k = leaves.len();
    // Nodes 0..k are the leaves in order, then the merged ones, which are
    // made in non-decreasing weight order: two sorted queues.
    let mut weight: Vec<u64> = leaves.iter().map(|&(f, _)| u64::from(f)).collect();
    let mut parent = vec![0usize; 2 * k - 1];
    let (mut next_leaf, mut next_node) = (0, k);
    for _ in 1..k {
        let mut pick = |weight: &Vec<u64>| {
            if next_leaf < k && (next_node >= weight.len() || weight[next_leaf] <= weight[next_node]) {
                next_leaf += 1;
                next_leaf - 1
            } else {
                next_node += 1;
                next_node - 1
            }
        };
        let (a, b) = (pick(&weight), pick(&weight));
        parent[a] = weight.len();
        parent[b] = weight.len();
        weight.push(weight[a] + weight[b]);
    }
    // Parents come after their children: depths from the root down.
    let mut depth = vec![0u8; 2 * k - 1];
    for node in (0..2 * k - 2).rev() {
        depth[node] = depth[parent[node]] + 1;
    }
    let mut lengths = vec![0u8; freq.len()];
    for (i, &(_, s)) in leaves.iter().enumerate() {
        lengths[s] = depth[i];
    }
    lengths
}

/// Canonical codes for these lengths (RFC 1951, 3.2.2), bit-reversed so the
/// writer can send them least-significant bit first.
fn canonical_codes(lengths: &[u8]) -> Vec<u16> {
    let mut count = [0u16; 16];
    for &l in lengths {
        count[usize::from(l)] += 1;
    }
    count[0] = 0;
    let mut next = [0u16; 16];
    let mut code = 0u16;
    for bits in 1..16 {
        code = (code + count[bits - 1]) << 1;
        next[bits] = code;
    }
    lengths
        .iter()
        .map(|&l| {
            if l == 0 {
                return 0;
            }
            let c = next[usize::from(l)];
            next[usize::from(l)] += 1;
            c.reverse_bits() >> (16 - l)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_the_edges() {
        for data in
            [&b""[..], b"a", b"ab", b"abc", b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", &[0u8; 70_000], &[255u8; 3]]
        {
            assert_eq!(inflate(&deflate(data), 1 << 20).as_deref(), Ok(data), "{} bytes", data.len());
        }
    }

    #[test]
    fn refuses_output_over_the_limit() {
        let packed = deflate(&[b'x'; 10_000]);
        assert_eq!(inflate(&packed, 9_999), Err(InflateError::TooLarge));
        assert_eq!(inflate(&packed, 10_000).map(|v| v.len()), Ok(10_000));
    }

    #[test]
    fn truncated_streams_are_corrupt() {
        let packed = deflate(b"the quick brown fox jumps over the lazy dog, the quick brown fox");
        for cut in 0..packed.len() {
            assert_eq!(inflate(&packed[..cut], 1 << 20), Err(InflateError::Corrupt), "cut at {cut}");
        }
    }
}
