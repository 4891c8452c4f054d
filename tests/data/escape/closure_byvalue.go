package main

func main() {
	n := 3
	f := func() int {
		return n * 2
	}
	println(f())
}
