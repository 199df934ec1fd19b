# Kinesis Sandbox. The two commands: `make serve` and `make test`.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
WASM := --target wasm32-unknown-unknown

.PHONY: serve test dist size tools browser-tools lint e2e wasm-test native-test bench bench-wasm bench-load fmt

## Build and serve the app at http://127.0.0.1:8080 (installs what is missing first).
serve: dist
	@echo "Serving dist/ at http://127.0.0.1:8080/ (Ctrl-C stops)"
	python3 tests/e2e/serve.py 8080

## Install what the tests need, then run every test. Native `cargo test` runs last.
test: tools browser-tools lint dist e2e wasm-test native-test

## The optimised static site, with relative URLs, in dist/ (split into a first-load module and
## modules fetched on first use; .gz and .br beside each file), and dist/kinesis-sandbox.html:
## the same app in one self-contained file that works opened from disk (file://), offline.
dist: tools
	node scripts/build.mjs
	node scripts/single-file.mjs dist

## What the first page needs and what loads on demand, raw, gzipped and brotli'd.
size: dist
	@node scripts/size.mjs

tools:
	@scripts/install-tools.sh

browser-tools:
	@scripts/install-tools.sh --browser

lint: tools
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy $(WASM) --all-targets -- -D warnings
	cargo clippy $(WASM) --features split --bin kinesis-sandbox -- -D warnings

## Playwright end-to-end tests against dist/, in Debian's Chromium.
e2e:
	npx playwright test

## wasm-bindgen-test in headless Chromium. (The wasm embeds fflate from node_modules: `tools`
## installs it.)
wasm-test: tools
	CHROMEDRIVER=/usr/bin/chromedriver cargo test $(WASM) --test web --test web_quiz --test web_generator --test web_firehose --test web_streams --test web_labs --test web_pipeline --test web_lambda --test web_analysis --test web_video --test convert_web

native-test:
	cargo test

bench-wasm:
	WASM_BINDGEN_TEST_TIMEOUT=900 CHROMEDRIVER=/usr/bin/chromedriver cargo test --release $(WASM) --test web_bench -- --nocapture

bench:
	cargo bench

## The page-load benchmark: first render and sandbox ready, local and on throttled connections.
bench-load: dist browser-tools
	node scripts/bench-load.mjs

fmt:
	cargo fmt --all
