package main

import "runtime"

type T struct{ a int }

var g *T

func main() {
	runtime.GOMAXPROCS(2)
	t := &T{a: 1}
	u := &T{a: 2}
	g = u
	runtime.GC()
	runtime.KeepAlive(t)
	runtime.Gosched()
	println(g.a)
}
