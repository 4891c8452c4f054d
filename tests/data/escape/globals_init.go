package main

type T struct{ a int }

var (
	count = 3
	first = &T{a: 1}
	list  []int
)

func main() {
	list = make([]int, count)
	println(first.a, len(list))
}
