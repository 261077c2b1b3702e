// Package common holds what every part of till's screen shares: the one Styles
// struct, the shared key bindings, the page builder and formatting helpers, the flash
// and question types, and the read-only view of the checkout that the support screen
// is handed. It imports no other ui package, so every component can import it.
package common
