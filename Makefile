# csp-radar: `make serve` and `make test` are all a newcomer needs; both
# install what is missing first (.ci/setup) and skip what is there.

SHELL := /bin/bash
# wasm-opt (npm binaryen) and cargo-installed tools come first on PATH, so
# trunk finds matching versions and never tries to download.
export PATH := $(CURDIR)/tests/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
TRUNK := trunk

.PHONY: serve dist test lint test-native test-render test-wasm test-e2e bench fuzz setup-build setup-dist setup-test clean

setup-build:
	@.ci/setup build

setup-dist:
	@.ci/setup dist

setup-test:
	@.ci/setup test

## Build and serve the widget on http://127.0.0.1:8080 (Tencent Cloud, balanced).
serve: setup-build
	$(TRUNK) serve --offline

## Release build into dist/: the app, embed.js with its bundle, and the offline csp-radar.html
## (prerendered in headless Chromium, see www/tools/postbuild.mjs).
# The release wasm is built with nightly cargo rebuilding std with
# panic=immediate-abort: every panic becomes a bare trap, so the panic
# message and location formatting leave the wasm (about 8% of it gzipped);
# location-detail=none drops the source paths #[track_caller] would keep;
# share-generics reuses a dependency's copy of a generic function rather
# than compiling another; std's optimize_for_size feature picks its smaller
# implementations (formatting, sorting).
# It has its own target dir so the stable test builds stay warm.
RELEASE_ENV := RUSTUP_TOOLCHAIN=nightly CARGO_TARGET_DIR=$(CURDIR)/target/dist \
  CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zshare-generics=y"
# The embed bundle (csp-radar-embed*) is the same crate with feature `embed`,
# bound and optimised the way trunk does the app (wasm-opt reads the wasm
# features from the module's target_features section).
dist: setup-dist
	$(RELEASE_ENV) $(TRUNK) build --release --offline
	$(RELEASE_ENV) cargo build --release --target wasm32-unknown-unknown --lib --features embed
	wasm-bindgen --target web --no-typescript --out-dir dist --out-name csp-radar-embed \
	  target/dist/wasm32-unknown-unknown/release/csp_radar.wasm
	wasm-opt -Oz --converge dist/csp-radar-embed_bg.wasm -o dist/csp-radar-embed_bg.wasm
	node www/tools/postbuild.mjs

## Every test: formatting and lints, native model + CLI, the exports
## rendered by MediaWiki and markdown-it, components in headless Chromium,
## journeys.
test: setup-test lint test-native test-render test-wasm dist test-e2e

## The tree is formatted (rustfmt.toml) and clippy-clean with -D warnings,
## natively (CLI, model, tests) and for both wasm bundles (app and embed).
lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --no-default-features --lib --test widget -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --no-default-features --features embed --lib -- -D warnings

test-native:
	cargo test

## The exports of a hostile corpus through a real MediaWiki (parse.php, a
## throwaway SQLite wiki) and markdown-it, and their CSV parsed: every
## string reads as typed, nothing else appears. The tests run the debug CLI
## (already built by test-native in `make test`): $CSP_RADAR, else
## $CARGO_TARGET_DIR/debug/csp-radar, else target/debug/csp-radar.
test-render:
	cargo build --bin csp-radar
	node --test tests/render/

test-wasm:
	cargo test --release --target wasm32-unknown-unknown --no-default-features --test widget

## The browser suites (Playwright Test, tests/playwright.config.mjs) against dist/;
## one suite: `cd tests && npx playwright test journey`, one test: add `-g TITLE`.
test-e2e:
	cd tests && npx playwright test

## The benchmark report: target/bench/report.json and a readable summary.
bench: setup-test dist
	cargo build --release --bin csp-radar
	node tests/bench/bench.mjs

## Fuzz the profile parser, the link decoder and DEFLATE for a bounded time each
## (FUZZ_SECONDS, default 60), starting from the corpus seeds.
FUZZ_SECONDS ?= 60
fuzz:
	@.ci/setup fuzz
	for t in profile link deflate; do \
	  mkdir -p target/fuzz-corpus/$$t && \
	  cargo +nightly fuzz run --fuzz-dir tests/fuzz $$t target/fuzz-corpus/$$t tests/fuzz/seeds/$$t -- \
	    -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 2>&1 | tee target/fuzz-$$t.log | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)"; \
	  test $${PIPESTATUS[0]} -eq 0 || exit 1; \
	done

clean:
	rm -rf dist target/bench tests/out
