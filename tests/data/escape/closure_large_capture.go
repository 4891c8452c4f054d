package main

type Big struct{ data [32]int }

func main() {
	var b Big
	b.data[3] = 9
	f := func() int {
		return b.data[3]
	}
	println(f())
}
