package main

type T struct{ a int }

func apply(f func(*T), t *T) {
	f(t)
}

func main() {
	t := &T{a: 1}
	apply(func(p *T) { p.a++ }, t)
	println(t.a)
}
