package main

type T struct{ a int }

func main() {
	x := T{a: 1}
	p := &x
	q := &p
	(*q).a = 5
	println((**q).a, x.a)
}
