package main

import "time"

type T struct{ a int }

func main() {
	t := &T{a: 1}
	go func(p *T) {
		p.a++
	}(t)
	time.Sleep(time.Millisecond)
}
