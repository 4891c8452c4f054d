package main

import (
	"runtime"
	"time"
)

type Conn struct {
	next *Conn
	buf  [48]byte
}

// Initialised globals live in the data segment, the others in bss.
var (
	port      = 8080
	maxConns  = 64
	timeoutMs = 500
	bufSize   = 4096
	retries   = 3
)

var c0, c1, c2, c3, c4, c5, c6, c7 *Conn

func serve(c *Conn) {
	req := &Conn{} // R: allocated by each server, kept on its stack
	req.next = c
	time.Sleep(time.Second)
}

func main() {
	c0, c1, c2, c3 = &Conn{}, &Conn{}, &Conn{}, &Conn{}
	go serve(c0) // s0
	go serve(c1) // s1
	go serve(c2) // s2
	// a cycle starts here: one root job per stack that exists now
	go serve(c3) // s3, created during marking: no stack root job in this cycle
	c3 = nil     // s3's argument is the only pointer to C3 now
	runtime.GC()
}
