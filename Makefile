# till: the two commands a newcomer needs are `make run` and `make test`.
GO ?= go

.PHONY: run test build golden vet fmt deps-check clean

run: ## the TUI on the built-in Stripe emulator (no account, no key, no network)
	$(GO) run . $(ARGS)

test: deps-check ## every test, with the race detector
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

build:
	$(GO) build -o till .

golden: ## rewrite the TUI's golden screens and the golden receipts after an intended change
	$(GO) test ./ui ./checkout -update

vet:
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

# The domain stays pure and only ui knows Bubble Tea.
deps-check:
	@! $(GO) list -deps ./checkout | grep -E 'bubbletea|lipgloss|stripe-go|bbolt|viper' || (echo "checkout must import only the standard library" && false)
	@! $(GO) list -deps ./readerctl ./store ./emulator | grep -E 'charmbracelet' || (echo "only ui may import Bubble Tea" && false)

clean:
	rm -f till
