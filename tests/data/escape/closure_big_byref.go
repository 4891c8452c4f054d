package main

type Big struct{ data [20]int }

func main() {
	var b Big
	b.data[0] = 4
	get := func() int {
		return b.data[0]
	}
	println(get())
}
