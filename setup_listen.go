package main

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"syscall"
)

// checkListen refuses what is no address for till's receiver to listen on: an IP
// address of this PC (or localhost, or none for every network) and a port.
func checkListen(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	n, perr := strconv.Atoi(port)
	if err != nil || perr != nil || n < 1 || n > 65535 || (host != "" && host != "localhost" && net.ParseIP(host) == nil) {
		return fmt.Errorf("%q is not an address to listen on: give an IP address of this PC and a port, like 127.0.0.1:4243 "+
			"(this PC only) or 0.0.0.0:4243 (every network)", addr)
	}
	return nil
}

// askListen asks where till's receiver listens, def shown as the default, until the
// answer is an address this PC can listen on. One that something holds already is
// taken, and said: it may be a till running now.
func (s *setup) askListen(def string) string {
	for {
		addr, err := s.con.ask("Address till's receiver listens on", def)
		if err != nil {
			return def // the input ended: the default
		}
		if err := checkListen(addr); err != nil {
			s.say("%v", err)
			continue
		}
		ln, err := net.Listen("tcp", addr)
		switch {
		case err == nil:
			_ = ln.Close()
		case errors.Is(err, syscall.EADDRINUSE):
			s.say("%s is in use already (a till running now?); till's receiver needs it free when till starts.", addr)
		default:
			s.say("till cannot listen on %s (%v): give an address of this PC.", addr, errors.Unwrap(err))
			continue
		}
		return addr
	}
}

// route says how the events sent to target reach the receiver on listen: from an
// emulator on this machine directly when target is the receiver's own loopback address,
// else as routeAdvice says.
func (s *setup) route(target, listen string) string {
	u, err := url.Parse(target)
	_, port, _ := net.SplitHostPort(listen)
	if err == nil && s.onEmulator(s.conf.get("stripe.api_base")) && isLoopback(target) && isLoopback("http://"+listen) && u.Port() == port {
		return fmt.Sprintf("The emulator on this machine sends its events to %s directly: no tunnel or proxy needed.", target)
	}
	return routeAdvice(target, listen)
}

// routeAdvice says how Stripe's requests to the public URL must reach the receiver on
// listen (the README's Webhooks section has the details).
func routeAdvice(target, listen string) string {
	host, port, _ := net.SplitHostPort(listen)
	ip := net.ParseIP(host)
	if host == "localhost" || (ip != nil && ip.IsLoopback()) {
		return fmt.Sprintf("%s must reach http://%s, and only programs on this PC reach %s: run the tunnel here "+
			"(cloudflared tunnel --url http://%s, or ngrok http %s); a reverse proxy on another machine needs 0.0.0.0:%s or this PC's "+
			"network address instead. See the README's Webhooks section.", target, listen, listen, listen, port, port)
	}
	where := listen
	if host == "" || (ip != nil && ip.IsUnspecified()) {
		where = "<this PC's address>:" + port
	}
	path := "/"
	if u, err := url.Parse(target); err == nil && u.Path != "" {
		path = u.Path
	}
	return fmt.Sprintf("%s must reach http://%s: a reverse proxy forwards it there (with Caddy: reverse_proxy %s %s), "+
		"or a tunnel on this PC. See the README's Webhooks section.", target, where, path, where)
}
