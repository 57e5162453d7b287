# Two commands (see README):
#   make test   build (installing what is missing) and run the whole suite
#   make build  build only
.PHONY: build test lint

build:
	scripts/build.sh

test:
	scripts/test.sh

lint:
	. tools/env.sh && cargo fmt --all --check && cargo clippy --all-targets -- -D warnings
	npx prettier --check 'app/**/*.ts' 'tests/**/*.ts' 'migrations/**/*.ts' 'scripts/**/*.ts'
	npx tsc --noEmit -p tsconfig.json
