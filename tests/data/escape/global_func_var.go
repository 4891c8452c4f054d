package main

type T struct{ a int }

var hook func(*T) int

func look(t *T) int {
	return t.a
}

func main() {
	hook = look
	t := &T{a: 2}
	println(hook(t))
}
