package main

func main() {
	n := 2
	get := func() *int {
		return &n
	}
	println(*get())
}
