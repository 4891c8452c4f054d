package main

type T struct{ a int }

func set(pp **T, t *T) {
	*pp = t
}

func main() {
	var p *T
	t := &T{a: 8}
	set(&p, t)
	println(p.a)
}
