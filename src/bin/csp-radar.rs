//! `csp-radar`: validate provider profiles; score, export and compare
//! decisions (docs/files.md); import LIMSWiki provider pages.

#![deny(clippy::unwrap_used, clippy::expect_used)]

use std::io::{ErrorKind, Write as _};
use std::process::ExitCode;
use std::rc::Rc;

use csp_radar::model::age::{date_from_days, AnswerAge, StaleAfter};
use csp_radar::model::decision::{NotAdded, MAX_PROVIDERS};
use csp_radar::model::diff::DecisionDiff;
use csp_radar::model::export::{self, score_json, Format, Report};
use csp_radar::model::figures::shown;
use csp_radar::model::input::{self, Read};
use csp_radar::model::profile::Date;
use csp_radar::model::{file, import, Decision, Domain, Preset, Profile, QuestionId, Weights};

const USAGE: &str = "usage:
  csp-radar validate FILE...
  csp-radar score FILE [--preset P] [--weights 3=5,14=0] [--format text|json] [--compare FILE...]
                       [--as-of YYYY-MM-DD] [--stale-after 12|24|36|60]
  csp-radar export FILE --format json|csv|md|wikitext [--preset P] [--weights 3=5,14=0]
  csp-radar import FILE [--format json|text]
  csp-radar diff OLD NEW [--format text|json|md]

FILE for score and export is a provider profile or a decision file (the
widget's \"Decision (JSON)\" download; evaluation files of earlier versions
open too): score and export cover every provider of a decision. import reads a LIMSWiki
provider research page (its text as copied from a browser, or its
wikitext) and writes a draft profile (json) or what it found (text).

presets: balanced (default), clinical, research, manufacturing";

/// `print!` through a locked stdout: see [`write_out`].
macro_rules! out {
    ($($arg:tt)*) => { write_out(format_args!($($arg)*)) };
}

/// `println!` through a locked stdout: see [`write_out`].
macro_rules! outln {
    ($($arg:tt)*) => { write_out(format_args!("{}\n", format_args!($($arg)*))) };
}

/// Writes to standard output. When the reader has gone (`csp-radar ... |
/// head`) there is no one left to tell: the program ends at once, quietly,
/// with success. Any other failure to write is said on stderr (exit 2).
fn write_out(text: std::fmt::Arguments) {
    if let Err(e) = std::io::stdout().lock().write_fmt(text) {
        if e.kind() == ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("csp-radar: cannot write the output: {e}");
        std::process::exit(2);
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("csp-radar: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    match args.first().map(String::as_str) {
        Some("validate") => validate(args.get(1..).unwrap_or_default()),
        Some("score") => score(&Options::parse(args.get(1..).unwrap_or_default(), "text")?),
        Some("export") => export(&Options::parse(args.get(1..).unwrap_or_default(), "")?),
        Some("import") => import(&Options::parse(args.get(1..).unwrap_or_default(), "json")?),
        Some("diff") => diff(args.get(1..).unwrap_or_default()),
        Some("-h" | "--help" | "help") => {
            outln!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(format!("unknown command '{other}'\n{USAGE}")),
        None => Err(USAGE.to_owned()),
    }
}

/// Reads a file, refusing one larger than any file we read (a decision
/// file) before reading it whole; profiles are held to 1 MiB by their own
/// check.
fn read(path: &str) -> Result<String, String> {
    let size = std::fs::metadata(path).map_err(|e| format!("{path}: {e}"))?.len();
    if size > file::MAX_BYTES as u64 {
        return Err(format!(
            "{path}:1:1: (document): the file is {size} bytes; it is limited to {} bytes",
            file::MAX_BYTES
        ));
    }
    read_text(path)
}

/// A file's text, which must be UTF-8.
fn read_text(path: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    String::from_utf8(bytes).map_err(|e| format!("{path}: not UTF-8 text (byte {})", e.utf8_error().valid_up_to()))
}

/// Reads and checks a profile; errors come back as `FILE:LINE:COL: POINTER: message` lines.
fn load(path: &str) -> Result<(Profile, Vec<String>), Vec<String>> {
    let text = read(path).map_err(|e| vec![e])?;
    load_text(path, &text)
}

fn load_text(path: &str, text: &str) -> Result<(Profile, Vec<String>), Vec<String>> {
    match Profile::parse_as_of(text, &today()) {
        Ok(c) => Ok((c.profile, c.warnings.iter().map(|w| format!("{path}:{w}")).collect())),
        Err(r) => {
            for w in &r.warnings {
                eprintln!("{path}:{w} (warning)");
            }
            Err(r.errors.iter().map(|e| format!("{path}:{e}")).collect())
        }
    }
}

fn validate(files: &[String]) -> Result<ExitCode, String> {
    if files.is_empty() {
        return Err(format!("validate needs at least one FILE\n{USAGE}"));
    }
    let mut all_ok = true;
    for path in files {
        match load(path) {
            Ok((profile, warnings)) => {
                for w in &warnings {
                    eprintln!("{w} (warning)");
                }
                outln!("{path}: ok ({}, {} warning(s))", profile.provider.id, warnings.len());
            }
            Err(errors) => {
                all_ok = false;
                for e in &errors {
                    outln!("{e}");
                }
            }
        }
    }
    Ok(if all_ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

struct Options {
    file: String,
    /// `--preset`, when given: it replaces an evaluation file's weights.
    preset: Option<Preset>,
    /// `--weights` assignments, applied last.
    assignments: Vec<String>,
    format: String,
    /// `--compare FILE...`: providers to add to the decision.
    compare: Vec<String>,
    /// `--as-of` and `--stale-after`.
    as_of: Option<Date>,
    stale_after: Option<StaleAfter>,
}

impl Options {
    fn parse(args: &[String], default_format: &str) -> Result<Options, String> {
        let mut file = None;
        let mut preset = None;
        let mut assignments = Vec::new();
        let mut format = default_format.to_owned();
        let mut compare = Vec::new();
        let mut comparing = false;
        let mut as_of = None;
        let mut stale_after = None;
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value"));
            match arg.as_str() {
                "--preset" => preset = Some(value("--preset")?.parse()?),
                "--weights" => assignments.push(value("--weights")?),
                "--format" => format = value("--format")?,
                "--compare" => comparing = true,
                "--as-of" => {
                    let v = value("--as-of")?;
                    as_of = Some(Date::parse(&v).ok_or_else(|| format!("--as-of: '{v}' is not a date YYYY-MM-DD"))?);
                }
                "--stale-after" => {
                    let v = value("--stale-after")?;
                    stale_after = Some(
                        v.parse::<u64>()
                            .ok()
                            .and_then(StaleAfter::from_months)
                            .ok_or_else(|| format!("--stale-after: '{v}' is not 12, 24, 36 or 60 (months)"))?,
                    );
                }
                flag if flag.starts_with('-') => return Err(format!("unknown option '{flag}'\n{USAGE}")),
                path if comparing => compare.push(path.to_owned()),
                path if file.is_none() => file = Some(path.to_owned()),
                extra => return Err(format!("unexpected argument '{extra}' (one FILE at a time)")),
            }
        }
        // Checked now, so a bad --weights is a usage error (exit 2) even
        // before the file is read.
        for spec in &assignments {
            Weights::default().with_assignments(spec).map_err(|e| format!("--weights: {e}"))?;
        }
        let file = file.ok_or_else(|| format!("missing FILE\n{USAGE}"))?;
        if comparing && compare.is_empty() {
            return Err("--compare needs at least one FILE".to_owned());
        }
        if compare.len() >= MAX_PROVIDERS {
            return Err(format!(
                "--compare takes at most {} FILEs (a decision holds {MAX_PROVIDERS} providers)",
                MAX_PROVIDERS - 1
            ));
        }
        Ok(Options { file, preset, assignments, format, compare, as_of, stale_after })
    }

    /// The decision to score or export: a profile under the chosen
    /// weights, or a decision file as it was saved, with the providers of
    /// --compare added and any --preset or --weights given applied on top.
    fn decision(&self) -> Result<Decision, ExitCode> {
        let fail = |errors: Vec<String>| {
            for e in &errors {
                eprintln!("{e}");
            }
            ExitCode::from(1)
        };
        let mut d = open(&self.file).map_err(fail)?;
        for path in &self.compare {
            let other = open(path).map_err(fail)?;
            for c in other.providers() {
                match d.adopt(c) {
                    Ok(_) => {}
                    Err(NotAdded::Full | NotAdded::KeptFull) => {
                        return Err(fail(vec![format!("{path}: a decision holds at most {MAX_PROVIDERS} providers")]))
                    }
                    Err(NotAdded::SameIdWithRecord { name, .. }) => {
                        return Err(fail(vec![format!(
                            "{path}: {name} is already in the decision with another profile and the lab's record; not added"
                        )]))
                    }
                }
            }
        }
        if let Some(a) = &self.as_of {
            d.age.as_of = Some(a.clone());
        }
        if let Some(s) = self.stale_after {
            d.age.stale_after = s;
        }
        if let Some(p) = self.preset {
            d.set_preset(p);
        }
        for spec in &self.assignments {
            // Checked in parse(); this cannot fail.
            d.weights = d.weights.with_assignments(spec).unwrap_or(d.weights);
        }
        Ok(d)
    }
}

/// A profile (one provider under the default preset) or a decision file.
fn open(path: &str) -> Result<Decision, Vec<String>> {
    let text = read(path).map_err(|e| vec![e])?;
    let located = |issues: &[csp_radar::model::Issue]| issues.iter().map(|e| format!("{path}:{e}")).collect::<Vec<_>>();
    match input::read(&text, true) {
        Read::Decision(Ok(opened)) => {
            for w in &opened.warnings {
                eprintln!("{path}:{w} (warning)");
            }
            Ok(opened.decision)
        }
        Read::Decision(Err(r)) => Err(located(&r.errors)),
        Read::Profile(Ok(checked)) => {
            for w in &checked.warnings {
                eprintln!("{path}:{w} (warning)");
            }
            let profile = Rc::new(checked.profile);
            let mut d = Decision::of([Rc::clone(&profile)], Preset::default());
            d.focus = Some(profile.provider.id.clone());
            Ok(d)
        }
        Read::Profile(Err(r)) => {
            for w in &r.warnings {
                eprintln!("{path}:{w} (warning)");
            }
            Err(located(&r.errors))
        }
        Read::Page(_) => Err(vec![format!("{path}: not JSON; a provider page is read with `csp-radar import`")]),
    }
}

fn score(o: &Options) -> Result<ExitCode, String> {
    let d = match o.decision() {
        Ok(d) => d,
        Err(code) => return Ok(code),
    };
    let today = today();
    match o.format.as_str() {
        "json" => outln!("{}", score_json(&d, &today)),
        "text" => {
            for (i, r) in Report::ranked(&d, &today).iter().enumerate() {
                if i > 0 {
                    outln!("");
                }
                score_text(r);
            }
        }
        other => return Err(format!("unknown score format '{other}' (expected text or json)")),
    }
    Ok(ExitCode::SUCCESS)
}

/// One provider's score as text.
fn score_text(r: &Report) {
    let (e, f, ages) = (&r.e, &r.f, &r.ages);
    outln!("{} ({})", e.profile.provider.name, e.profile.provider.id);
    outln!("weights   {} ({})", e.weights.digits(), export::weighting(e));
    outln!("overall   {} {} ({})", shown(f.overall), f.band().map_or("n/a", |b| b.id()), export::range_words(e));
    outln!("coverage  {}", shown(f.coverage));
    for d in Domain::ALL {
        outln!("  {:<26}{:>5}", d.label(), shown(f.domain(d)));
    }
    outln!("gaps      {}", f.gaps.len());
    for &q in &f.gaps {
        let l = f.line(q);
        let finding = e.finding(q).map_or(String::new(), |f| format!("  (finding: {})", f.words()));
        outln!("  q{:<3}{:<12} w{}  {:>5} points{finding}", q.number(), l.status.id(), l.weight, shown(l.points));
    }
    let outstanding = r.decision.confirmations_outstanding(r.candidate);
    if !outstanding.is_empty() {
        let list: Vec<String> = outstanding.iter().map(|q| format!("q{}", q.number())).collect();
        outln!("confirm   in writing: {}", list.join(", "));
    }
    for sentence in export::ranking_sentences(r.decision, r.candidate) {
        outln!("ranking   {sentence}");
    }
    outln!("evidence  as of {}: {}", ages.as_of, ages.summary.sentence(e.age.stale_after));
    for q in QuestionId::all() {
        let age = &ages.answers[q.index()];
        if let (true, Some(words)) = (age.is_stale() || *age == AnswerAge::Undated, age.words()) {
            outln!("  q{:<3}{words}{}", q.number(), if age.is_stale() { " (stale)" } else { "" });
        }
    }
}

fn export(o: &Options) -> Result<ExitCode, String> {
    if o.format.is_empty() {
        return Err("export needs --format json|csv|md|wikitext".to_owned());
    }
    let format: Format = o.format.parse()?;
    let d = match o.decision() {
        Ok(d) => d,
        Err(code) => return Ok(code),
    };
    out!("{}", format.render(&d, &today()));
    Ok(ExitCode::SUCCESS)
}

/// `diff OLD NEW`: what changed from an earlier decision file (or profile)
/// to a later one, provider by provider.
fn diff(args: &[String]) -> Result<ExitCode, String> {
    let mut files = Vec::new();
    let mut format = "text".to_owned();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--format" => format = it.next().cloned().ok_or("--format needs a value")?,
            flag if flag.starts_with('-') => return Err(format!("unknown option '{flag}'\n{USAGE}")),
            path => files.push(path.to_owned()),
        }
    }
    let [old, new] = files.as_slice() else {
        return Err(format!("diff needs two files, OLD and NEW\n{USAGE}"));
    };
    let mut opened = Vec::new();
    for path in [old, new] {
        match open(path) {
            Ok(d) => opened.push(d),
            Err(errors) => {
                for e in &errors {
                    eprintln!("{e}");
                }
                return Ok(ExitCode::from(1));
            }
        }
    }
    let [before, after] = opened.as_slice() else { return Ok(ExitCode::from(1)) };
    let d = DecisionDiff::between(before, after);
    match format.as_str() {
        "text" => out!("{}", d.text("")),
        "md" | "markdown" => out!("# What changed: {} → {}\n\n{}", old, new, d.text("- ")),
        "json" => outln!("{}", d.json()),
        other => return Err(format!("unknown diff format '{other}' (expected text, json or md)")),
    }
    Ok(ExitCode::SUCCESS)
}

/// Today's date (UTC), the as-of date when none is given.
fn today() -> Date {
    let days = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() / 86_400);
    date_from_days(i64::try_from(days).unwrap_or(0))
        .unwrap_or_else(|| Date::parse("1970-01-01").unwrap_or_else(|| unreachable!()))
}

fn import(o: &Options) -> Result<ExitCode, String> {
    let size = std::fs::metadata(&o.file).map_err(|e| format!("{}: {e}", o.file))?.len();
    if size > import::MAX_BYTES as u64 {
        eprintln!("{}: {}", o.file, import::ImportError::TooLarge(size as usize));
        return Ok(ExitCode::from(1));
    }
    let text = read_text(&o.file)?;
    let imported = match import::import(&text, None) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{}: {e}", o.file);
            return Ok(ExitCode::from(1));
        }
    };
    let p = &imported.profile;
    match o.format.as_str() {
        "json" => outln!("{}", p.to_json()),
        "text" => {
            outln!(
                "{} ({}), from {}: 18 answers, {} citations",
                p.provider.name,
                p.provider.id,
                imported.form.label(),
                imported.citations
            );
            outln!("statuses are suggested from the wording: review each one");
            for q in QuestionId::all() {
                if let Some(a) = p.answer(q) {
                    let basis = a.status_basis.as_deref().unwrap_or("").trim_start_matches(import::SUGGESTED);
                    outln!("  q{:<3}{:<12} {} citation(s); {basis}", q.number(), a.status.id(), a.citations.len());
                }
            }
        }
        other => return Err(format!("unknown import format '{other}' (expected json or text)")),
    }
    Ok(ExitCode::SUCCESS)
}
