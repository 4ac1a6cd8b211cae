//! A small JSON reader that remembers where every value stands (line:column),
//! and a writer for our exports.
//!
//! Profile errors must name the JSON pointer *and* the line:column of the
//! offending value, so a maintainer can jump to it; a plain `serde_json::Value`
//! forgets positions. The reader never panics and never recurses past
//! [`MAX_DEPTH`], so hostile input (100 000 nested arrays) is a located error.

use std::fmt::{self, Write as _};

/// Deepest nesting accepted; profiles need 5.
pub const MAX_DEPTH: usize = 64;

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// A value and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub value: Value,
}

/// A JSON value. Numbers keep their source text so that large or exact
/// numbers are never silently rounded.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Node>),
    Object(Vec<Member>),
}

/// `"key": value` inside an object, in source order.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_pos: Pos,
    pub node: Node,
}

/// Why the text is not JSON, where, and at which pointer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub pointer: String,
    pub message: String,
}

impl Value {
    /// An object's member by key (the first, if repeated); `None` for other
    /// values.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Value::Object(members) => members.iter().find(|m| m.key == key).map(|m| &m.node),
            _ => None,
        }
    }

    /// What a reader calls this kind of value in an error message.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

impl Node {
    fn built(value: Value) -> Node {
        Node { pos: Pos::default(), value }
    }
    pub fn null() -> Node {
        Node::built(Value::Null)
    }
    pub fn str(s: impl Into<String>) -> Node {
        Node::built(Value::String(s.into()))
    }
    /// A number from anything that prints as a JSON number.
    pub fn num(n: impl fmt::Display) -> Node {
        Node::built(Value::Number(n.to_string()))
    }
    pub fn bool(b: bool) -> Node {
        Node::built(Value::Bool(b))
    }
    pub fn array(items: impl IntoIterator<Item = Node>) -> Node {
        Node::built(Value::Array(items.into_iter().collect()))
    }
    pub fn object<K: Into<String>>(members: impl IntoIterator<Item = (K, Node)>) -> Node {
        Node::built(Value::Object(
            members.into_iter().map(|(key, node)| Member { key: key.into(), key_pos: Pos::default(), node }).collect(),
        ))
    }
    /// `Some` when absent becomes `null`.
    pub fn opt<T>(value: Option<T>, f: impl FnOnce(T) -> Node) -> Node {
        value.map_or_else(Node::null, f)
    }

    /// The text with no insignificant whitespace (for links).
    pub fn to_compact(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None, 0);
        out
    }

    fn write(&self, out: &mut String, indent: Option<usize>, level: usize) {
        let newline = |out: &mut String, level: usize| {
            if let Some(step) = indent {
                out.push('\n');
                out.extend(std::iter::repeat_n(' ', step * level));
            }
        };
        match &self.value {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => out.push_str(n),
            Value::String(s) => write_string(out, s),
            Value::Array(items) if items.is_empty() => out.push_str("[]"),
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, level + 1);
                    item.write(out, indent, level + 1);
                }
                newline(out, level);
                out.push(']');
            }
            Value::Object(members) if members.is_empty() => out.push_str("{}"),
            Value::Object(members) => {
                out.push('{');
                for (i, m) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, level + 1);
                    write_string(out, &m.key);
                    out.push_str(if indent.is_some() { ": " } else { ":" });
                    m.node.write(out, indent, level + 1);
                }
                newline(out, level);
                out.push('}');
            }
        }
    }
}

/// Pretty-printed with two-space indentation.
impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write(&mut out, Some(2), 0);
        f.write_str(&out)
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Line and paragraph separators escaped so the text is also a
            // valid JavaScript string. `<` is written as itself: nothing we
            // write goes inside a <script>, and escaping it made a profile
            // of `<` six times its size (past the limits it is read back
            // with). A profile's text holds no other controls, so what we
            // write is at most twice what was read.
            c if c < ' ' || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Escapes one reference token of a JSON pointer (RFC 6901).
pub fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Reads a whole document. A leading UTF-8 byte-order mark is skipped, as
/// Windows editors write one.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut p = Parser { src: text.as_bytes(), at: 0, line: 1, column: 1, path: Vec::new() };
    p.skip_ws();
    let node = p.value(0)?;
    p.skip_ws();
    if p.at < p.src.len() {
        return Err(p.error("unexpected text after the end of the JSON document"));
    }
    Ok(node)
}

struct Parser<'a> {
    src: &'a [u8],
    at: usize,
    line: u32,
    column: u32,
    /// Pointer tokens of the containers being read, for error messages.
    path: Vec<String>,
}

impl Parser<'_> {
    fn pos(&self) -> Pos {
        Pos { line: self.line, column: self.column }
    }

    fn error(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            pos: self.pos(),
            pointer: self.path.iter().map(|t| format!("/{t}")).collect(),
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.at).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        if b == b'\n' {
            self.line += 1;
            self.column = 1;
        } else if b & 0xC0 != 0x80 {
            // Only the first byte of a UTF-8 sequence starts a new column.
            self.column += 1;
        }
        Some(b)
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump();
        }
    }

    fn expect_word(&mut self, word: &str, value: Value) -> Result<Node, SyntaxError> {
        let pos = self.pos();
        if self.src.get(self.at..self.at + word.len()) == Some(word.as_bytes()) {
            for _ in 0..word.len() {
                self.bump();
            }
            Ok(Node { pos, value })
        } else {
            Err(self.error("expected a JSON value (object, array, string, number, true, false or null)"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        let pos = self.pos();
        match self.peek() {
            None => Err(self.error("unexpected end of input; the JSON is truncated")),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => Ok(Node { pos, value: Value::String(self.string()?) }),
            Some(b't') => self.expect_word("true", Value::Bool(true)),
            Some(b'f') => self.expect_word("false", Value::Bool(false)),
            Some(b'n') => self.expect_word("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a JSON value (object, array, string, number, true, false or null)")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        let pos = self.pos();
        self.bump();
        let mut members: Vec<Member> = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.bump();
            return Ok(Node { pos, value: Value::Object(members) });
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a quoted key"));
            }
            let key_pos = self.pos();
            let key = self.string()?;
            if members.iter().any(|m| m.key == key) {
                return Err(SyntaxError {
                    pos: key_pos,
                    pointer: self.path.iter().map(|t| format!("/{t}")).collect(),
                    message: format!("duplicate key \"{key}\""),
                });
            }
            self.skip_ws();
            if self.bump() != Some(b':') {
                return Err(self.error("expected ':' after the key"));
            }
            self.skip_ws();
            self.path.push(pointer_token(&key));
            let node = self.value(depth + 1)?;
            self.path.pop();
            members.push(Member { key, key_pos, node });
            self.skip_ws();
            match self.bump() {
                Some(b',') => continue,
                Some(b'}') => return Ok(Node { pos, value: Value::Object(members) }),
                None => return Err(self.error("unexpected end of input inside an object")),
                Some(_) => return Err(self.error("expected ',' or '}' in the object")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        let pos = self.pos();
        self.bump();
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.bump();
            return Ok(Node { pos, value: Value::Array(items) });
        }
        loop {
            self.skip_ws();
            self.path.push(items.len().to_string());
            let node = self.value(depth + 1)?;
            self.path.pop();
            items.push(node);
            self.skip_ws();
            match self.bump() {
                Some(b',') => continue,
                Some(b']') => return Ok(Node { pos, value: Value::Array(items) }),
                None => return Err(self.error("unexpected end of input inside an array")),
                Some(_) => return Err(self.error("expected ',' or ']' in the array")),
            }
        }
    }

    fn number(&mut self) -> Result<Node, SyntaxError> {
        let pos = self.pos();
        let start = self.at;
        let digits = |p: &mut Self| {
            let from = p.at;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.bump();
            }
            p.at > from
        };
        if self.peek() == Some(b'-') {
            self.bump();
        }
        if self.peek() == Some(b'0') {
            self.bump();
        } else if !digits(self) {
            return Err(self.error("expected digits in the number"));
        }
        if self.peek() == Some(b'.') {
            self.bump();
            if !digits(self) {
                return Err(self.error("expected digits after the decimal point"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.bump();
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.bump();
            }
            if !digits(self) {
                return Err(self.error("expected digits in the exponent"));
            }
        }
        let text = String::from_utf8_lossy(self.src.get(start..self.at).unwrap_or_default());
        Ok(Node { pos, value: Value::Number(text.into_owned()) })
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut n = 0;
        for _ in 0..4 {
            let d = self
                .bump()
                .and_then(|b| char::from(b).to_digit(16))
                .ok_or_else(|| self.error("expected four hex digits after \\u"))?;
            n = n * 16 + d;
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.bump(); // opening quote
        let mut out = Vec::new();
        loop {
            let b = self.peek().ok_or_else(|| self.error("unterminated string"))?;
            match b {
                b'"' => {
                    self.bump();
                    // The input is a &str and escapes push whole UTF-8 sequences.
                    return String::from_utf8(out).map_err(|_| self.error("invalid UTF-8 in string"));
                }
                b'\\' => {
                    self.bump();
                    let e = self.bump().ok_or_else(|| self.error("unterminated string"))?;
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if self.bump() != Some(b'\\') || self.bump() != Some(b'u') {
                                    return Err(self.error("unpaired UTF-16 surrogate in \\u escape"));
                                }
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.error("unpaired UTF-16 surrogate in \\u escape"));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            char::from_u32(code).ok_or_else(|| self.error("unpaired UTF-16 surrogate in \\u escape"))?
                        }
                        _ => return Err(self.error("unknown escape in string")),
                    };
                    let mut buf = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                0..=0x1F => return Err(self.error("raw control character in string (escape it)")),
                _ => {
                    self.bump();
                    out.push(b);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let doc = parse("{\n  \"é\": [1, \"x\"]\n}").unwrap();
        let Value::Object(m) = &doc.value else { panic!() };
        assert_eq!(m[0].key_pos, Pos { line: 2, column: 3 });
        let Value::Array(items) = &m[0].node.value else { panic!() };
        assert_eq!(items[1].pos, Pos { line: 2, column: 12 });
    }

    #[test]
    fn syntax_errors_carry_pointer_and_position() {
        let e = parse("{\"a\": [1, 2,]}").unwrap_err();
        assert_eq!((e.pointer.as_str(), e.pos), ("/a/2", Pos { line: 1, column: 13 }));
        let e = parse("{\"a\": 1, \"a\": 2}").unwrap_err();
        assert!(e.message.contains("duplicate key"), "{e:?}");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        let e = parse(&deep).unwrap_err();
        assert!(e.message.contains("nested deeper"));
    }

    #[test]
    fn bom_is_skipped_and_escapes_decode() {
        let doc = parse("\u{feff}\"\\u00e9\\ud83d\\ude00\\n\"").unwrap();
        assert_eq!(doc.value, Value::String("é😀\n".into()));
    }

    #[test]
    fn writer_round_trips_and_escapes_only_what_json_and_javascript_need() {
        let node = Node::object([
            ("a", Node::str("</script>\"\u{1}\u{2028}")),
            ("b", Node::array([Node::num(1), Node::null()])),
        ]);
        let compact = node.to_compact();
        assert_eq!(compact, r#"{"a":"</script>\"\u0001\u2028","b":[1,null]}"#);
        assert_eq!(parse(&compact).unwrap().to_compact(), compact);
        assert_eq!(parse(&node.to_string()).unwrap().to_compact(), compact);
    }
}
