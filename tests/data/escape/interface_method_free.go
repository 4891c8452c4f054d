package main

type T struct{ a int }

func use(v any) int {
	if t, ok := v.(*T); ok {
		return t.a
	}
	return 0
}

func main() {
	t := T{a: 4}
	println(use(&t))
}
